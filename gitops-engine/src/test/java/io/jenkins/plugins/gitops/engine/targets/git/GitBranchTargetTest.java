package io.jenkins.plugins.gitops.engine.targets.git;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.withData;
import static io.jenkins.plugins.gitops.engine.testing.Deployments.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.report.VerifyText;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment-branch target against real bare repositories, over file:// URLs and local paths. */
class GitBranchTargetTest {
    static final String BRANCH = "env/staging";
    static final String SECRET = "s3cret-from-the-pipeline";
    static final ResourceId CONFIG = new ResourceId("", "ConfigMap", "shop", "settings");
    static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");
    static final ResourceId KEPT = new ResourceId("", "ConfigMap", "shop", "kept");
    static final String CONFIG_FILE = "manifests/_core/ConfigMap/shop/settings.yaml";
    static final String WEB_FILE = "manifests/apps/Deployment/shop/web.yaml";

    @TempDir
    Path tmp;
    GitRepoFixture source;
    BareRemote remote;
    String c1;

    /** The settings ConfigMap with a color, then the web Deployment with a number of replicas. */
    static String app(String color, int replicas) {
        return configMap("settings", "color", color) + "---\n" + web(replicas);
    }

    @BeforeEach
    void setUp() {
        source = GitRepoFixture.init(tmp.resolve("source"));
        source.write("envs/staging/app.yaml", app("blue", 2));
        c1 = source.commit("first");
        remote = BareRemote.create(tmp.resolve("deploy.git"));
    }

    GitBranchSpec spec() {
        return GitBranchSpec.parse("git:" + remote.fileUrl() + "#" + BRANCH + ":manifests");
    }

    GitBranchTarget open() {
        return GitBranchTarget.open(spec(), options(null, null));
    }

    GitBranchOptions options(GitBranchSpec.Pin pin, String planDigest) {
        return new GitBranchOptions(null, pin, source.dir().toString(), planDigest, "tester", null, false, null);
    }

    /** An apply by "tester" from {@code sourceRepository}: the URL's credentials, no saved plan, no build, unsigned. */
    static GitBranchOptions applying(String sourceRepository) {
        return new GitBranchOptions(null, null, sourceRepository, null, "tester", null, false, null);
    }

    /** The same apply, its commit signed. */
    static GitBranchOptions signing(String sourceRepository) {
        return new GitBranchOptions(null, null, sourceRepository, null, "tester", null, true, null);
    }

    FlowFixture flow(GitBranchTarget target) {
        return new FlowFixture(source.dir(), "envs/staging", target);
    }

    ApplyResult applyNow(String ref) {
        try (GitBranchTarget target = open()) {
            return flow(target).applyNow(ref);
        }
    }

    @Test
    void applyWritesOneCommitInTheDirectoryLayoutWithTheInventoryAndWhereItCameFrom() {
        try (GitBranchTarget target = open()) {
            Plan plan = flow(target).plan("HEAD");
            assertThat(plan.target()).isEqualTo(spec().identity() + "@new");
            String planDigest = "sha256:0123";
            try (GitBranchTarget pinned = GitBranchTarget.open(spec(),
                    options(spec().pinnedIn(plan.target()).orElseThrow(), planDigest))) {
                new Applier(pinned, Progress.NONE, Clock.systemUTC())
                        .apply(plan, flow(pinned).load(c1), FlowFixture.options().withBuildUrl("https://ci/job/7/"));
            }
        }

        List<RevCommit> log = remote.log(BRANCH);
        assertThat(log).hasSize(1);
        Map<String, String> files = remote.files(log.get(0));
        assertThat(files).containsOnlyKeys(CONFIG_FILE, WEB_FILE, "manifests/.gitops/inventory.json");
        assertThat(files.get(CONFIG_FILE)).contains("color: blue");
        assertThat(files.get("manifests/.gitops/inventory.json")).contains(c1).contains("tester");
        ApplyCommitMessage message = ApplyCommitMessage.of(log.get(0)).orElseThrow();
        assertThat(message).isEqualTo(new ApplyCommitMessage(spec().identity(), source.dir().toString(), c1, "envs/staging",
                message.desiredDigest(), "sha256:0123", "https://ci/job/7/", "tester"));
        assertThat(message.desiredDigest()).startsWith("sha256:");
        assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("tester");
    }

    @Test
    void aSecondApplyOfTheSameStateWritesNoCommitAndPlanReadsTheBranchAsUnchanged() {
        applyNow("HEAD");
        applyNow("HEAD");

        assertThat(remote.log(BRANCH)).hasSize(1);
        try (GitBranchTarget target = open()) {
            Plan plan = flow(target).plan("HEAD");
            assertThat(plan.changes()).extracting(Change::action).containsOnly(Action.NOOP);
            assertThat(plan.target()).endsWith("@" + remote.head(BRANCH).name());
        }
    }

    @Test
    void aSavedPlanIsStaleOnceTheBranchMovedAndNothingIsWritten() {
        applyNow("HEAD");
        source.write("envs/staging/app.yaml", configMap("settings", "color", "green"));
        String c2 = source.commit("green");
        Plan plan;
        try (GitBranchTarget target = open()) {
            plan = PlanFile.fromJson(PlanFile.toJson(flow(target).plan(c2)), "plan.json");
        }
        RevCommit hand = remote.commitByHand(BRANCH, "Mallory", "manifests/README.md", "hello\n", tmp.resolve("w"));

        GitBranchSpec.Pin pin = spec().pinnedIn(plan.target()).orElseThrow();
        assertThatThrownBy(() -> GitBranchTarget.open(spec(), options(pin, null)))
                .isInstanceOf(BranchMovedException.class)
                .hasMessageContaining("the plan is stale")
                .hasMessageContaining("moved since the plan was made")
                .hasMessageContaining("by Mallory")
                .hasMessageContaining("Nothing was written");
        assertThat(remote.head(BRANCH)).isEqualTo(hand);
    }

    @Test
    void aPushRefusedBecauseTheBranchMovedWritesNothingAndSaysTheApplyIsStale() {
        applyNow("HEAD");
        source.write("envs/staging/app.yaml", configMap("settings", "color", "green"));
        String c2 = source.commit("green");
        try (GitBranchTarget slow = open()) {
            RevCommit hand = remote.commitByHand(BRANCH, "Mallory", "manifests/README.md", "hello\n", tmp.resolve("w"));

            assertThatThrownBy(() -> flow(slow).applyNow(c2))
                    .isInstanceOf(BranchMovedException.class)
                    .hasMessageContaining("push to branch " + BRANCH)
                    .hasMessageContaining("Nothing was written");
            assertThat(remote.head(BRANCH)).isEqualTo(hand);
        }
    }

    @Test
    void pruneDeletesRemovedResourcesInTheSameCommitButNeverAnAnnotatedOne() {
        source.write("envs/staging/kept.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: kept
                  namespace: shop
                  annotations:
                    gitops.jenkins.io/prune: disabled
                """);
        source.commit("kept");
        applyNow("HEAD");
        source.delete("envs/staging/kept.yaml");
        source.write("envs/staging/app.yaml", configMap("settings", "color", "green"));
        source.commit("drop web and kept, change settings");

        ApplyResult result = applyNow("HEAD");

        assertThat(result.outcomes()).filteredOn(o -> o.action() == Action.DELETE).extracting(o -> o.id())
                .containsExactly(WEB);
        List<RevCommit> log = remote.log(BRANCH);
        assertThat(log).hasSize(2);
        Map<String, String> files = remote.files(log.get(0));
        assertThat(files).doesNotContainKey(WEB_FILE).containsKey("manifests/_core/ConfigMap/shop/kept.yaml");
        assertThat(files.get(CONFIG_FILE)).contains("color: green");
    }

    @Test
    void aFailedApplyPushesNothingPrunesNothingAndLeavesNothingStagedForTheNextApply() {
        source.write("envs/staging/old.yaml", configMap("old"));
        source.commit("old");
        RevCommit applied = applyHeadAndGet();
        Map<String, String> before = remote.files(applied);
        source.delete("envs/staging/old.yaml");
        source.write("envs/staging/app.yaml", app("green", 3));
        source.commit("green settings, three replicas, no old");

        try (GitBranchTarget target = open()) {
            // The ConfigMap wave is staged before the Deployment wave fails.
            ApplyResult failed = new FlowFixture(source.dir(), "envs/staging", new FailingTarget(target, WEB))
                    .applyNow("HEAD");

            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.revision()).isNull();
            assertThat(failed.outcomes()).extracting(Outcome::id, Outcome::status).containsExactlyInAnyOrder(
                    tuple(CONFIG, Outcome.Status.SKIPPED),
                    tuple(WEB, Outcome.Status.FAILED),
                    tuple(new ResourceId("", "ConfigMap", "shop", "old"),
                            Outcome.Status.SKIPPED));
            assertThat(ApplyText.render(failed)).contains("Nothing was pruned").doesNotContain("updated " + CONFIG);
            assertThat(remote.log(BRANCH)).containsExactly(applied);

            // Through the same target, a later apply lands only its own changes, none staged by the failed one.
            source.write("envs/staging/app.yaml", app("blue", 4));
            source.write("envs/staging/old.yaml", configMap("old"));
            source.commit("four replicas only");
            flow(target).applyNow("HEAD");
        }
        List<RevCommit> log = remote.log(BRANCH);
        assertThat(log).hasSize(2);
        Map<String, String> after = remote.files(log.get(0));
        assertThat(after.get(CONFIG_FILE)).isEqualTo(before.get(CONFIG_FILE)).contains("color: blue");
        assertThat(after).containsKey("manifests/_core/ConfigMap/shop/old.yaml");
        assertThat(after.get(WEB_FILE)).contains("replicas: 4");
    }

    @Test
    void reapplyingTheSameSourceOverAHandEditCommitsTheRepair() {
        RevCommit applied = applyHeadAndGet();
        RevCommit hand = remote.commitByHand(BRANCH, "Mallory", CONFIG_FILE, app("red", 2).split("---")[0],
                tmp.resolve("w"));

        applyNow("HEAD");

        List<RevCommit> log = remote.log(BRANCH);
        assertThat(log).hasSize(3);
        assertThat(log.get(1)).isEqualTo(hand);
        assertThat(log.get(2)).isEqualTo(applied);
        assertThat(remote.files(log.get(0)).get(CONFIG_FILE)).isEqualTo(remote.files(applied).get(CONFIG_FILE));
    }

    @Test
    void rollbackAppliesAnEarlierSourceRevisionAsANewCommitWithoutRewritingHistory() {
        RevCommit first = applyHeadAndGet();
        source.write("envs/staging/app.yaml", configMap("settings", "color", "green"));
        source.commit("green");
        RevCommit second = applyHeadAndGet();

        applyNow(c1);

        List<RevCommit> log = remote.log(BRANCH);
        assertThat(log).hasSize(3);
        assertThat(log.get(1)).isEqualTo(second);
        assertThat(log.get(2)).isEqualTo(first);
        assertThat(log.get(0).getTree()).isNotEqualTo(second.getTree());
        Map<String, String> now = remote.files(log.get(0));
        Map<String, String> then = remote.files(first);
        now.remove("manifests/.gitops/inventory.json");
        then.remove("manifests/.gitops/inventory.json");
        assertThat(now).isEqualTo(then);
        assertThat(ApplyCommitMessage.of(log.get(0)).orElseThrow().commit()).isEqualTo(c1);
    }

    @Test
    void aHandEditedBranchIsDriftAndTheHandCommitsAuthorIsKnown() {
        applyNow("HEAD");
        remote.commitByHand(BRANCH, "Mallory", CONFIG_FILE, withData("settings", "  color: red\n"), tmp.resolve("w"));

        try (GitBranchTarget target = open()) {
            VerifyResult result = flow(target).verify("HEAD");

            assertThat(result.drifted()).extracting(Change::id).containsExactly(CONFIG);
            assertThat(result.driftCauses()).singleElement().asString()
                    .contains("by Mallory <mallory@example.invalid>").contains("\"quick fix\"")
                    .contains(CONFIG_FILE).contains("by hand");
            assertThat(result.healthObserved()).isFalse();
            assertThat(VerifyText.render(result)).contains("Health: not observed").doesNotContain("healthy:");
            assertThat(target.handCommits()).singleElement().satisfies(c -> {
                assertThat(c.author()).isEqualTo("Mallory");
                assertThat(c.email()).isEqualTo("mallory@example.invalid");
                assertThat(c.files()).containsExactly(CONFIG_FILE);
            });
        }
    }

    @Test
    void aHandCommitOutsideTheFolderIsNoDriftOfThisEnvironment() {
        applyNow("HEAD");
        remote.commitByHand(BRANCH, "Mallory", "README.md", "outside the folder\n", tmp.resolve("w"));
        try (GitBranchTarget target = open()) {
            VerifyResult result = flow(target).verify("HEAD");
            assertThat(result.drifted()).isEmpty();
            assertThat(result.driftCauses()).isEmpty();
            assertThat(target.handCommits()).isEmpty();
        }
    }

    @Test
    void aLocalPathWorksLikeAFileUrl() {
        GitBranchSpec byPath = GitBranchSpec.parse("git:" + remote.dir() + "#" + BRANCH);
        try (GitBranchTarget target = GitBranchTarget.open(byPath, options(null, null))) {
            flow(target).applyNow("HEAD");
        }

        assertThat(remote.files(remote.head(BRANCH))).containsKey("_core/ConfigMap/shop/settings.yaml");
    }

    @Test
    void aSecretFromVariablesIsRefusedWithoutItsValueAndNothingIsWritten() {
        source.write("envs/staging/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                  namespace: shop
                stringData:
                  password: ${PASSWORD}
                """);
        source.commit("secret from a variable");

        try (GitBranchTarget target = open()) {
            FlowFixture flow = flow(target).variables(Map.of("PASSWORD", SECRET));
            assertThatThrownBy(() -> flow.plan("HEAD"))
                    .isInstanceOf(GitopsException.class)
                    .hasMessageContaining("Secret")
                    .hasMessageContaining("shop/creds")
                    .hasMessageContaining("values that came from variables or credentials")
                    .hasMessageContaining("SealedSecret")
                    .hasMessageNotContaining(SECRET);
            assertThatThrownBy(() -> flow.applyNow("HEAD")).hasMessageNotContaining(SECRET);
        }
        assertThat(remote.head(BRANCH)).isNull();
    }

    @Test
    void aSecretTheRepositoryHoldsAsItIsMayBeWrittenAndVariablesElsewhereDoNotChangeThat() {
        source.write("envs/staging/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                  namespace: shop
                stringData:
                  password: committed-to-the-source
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: tier
                  namespace: shop
                data:
                  tier: ${TIER}
                """);
        source.commit("secret held as is");

        try (GitBranchTarget target = open()) {
            flow(target).variables(Map.of("TIER", "gold")).applyNow("HEAD");
        }

        RevCommit head = remote.head(BRANCH);
        assertThat(remote.files(head).get("manifests/_core/Secret/shop/creds.yaml"))
                .contains("committed-to-the-source");
        assertThat(head.getFullMessage()).doesNotContain("committed-to-the-source");
    }

    @Test
    void aPasswordInTheUrlIsNeverShownAndCredentialsGoThroughTheProvider() {
        GitBranchSpec secretUrl = GitBranchSpec.parse("git:https://bot:" + SECRET + "@127.0.0.1:9/deploy.git#" + BRANCH);

        assertThat(secretUrl.identity()).isEqualTo("git:https://127.0.0.1:9/deploy.git#" + BRANCH);
        assertThatThrownBy(() -> GitBranchTarget.open(secretUrl, GitBranchOptions.reading(
                new UsernamePasswordCredentialsProvider("bot", SECRET))))
                .isInstanceOf(GitopsException.class)
                .hasMessageContaining("cannot read git:https://127.0.0.1:9/deploy.git#" + BRANCH)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void signingWithoutASignerOnTheClassPathIsRefusedBeforeAnythingIsPushed() {
        try (GitBranchTarget target = GitBranchTarget.open(spec(),
                signing("source"))) {
            assertThatThrownBy(() -> flow(target).applyNow("HEAD"))
                    .isInstanceOf(GitopsException.class)
                    .hasMessageContaining("cannot sign the commit")
                    .hasMessageContaining("apply without signing");
        }
        assertThat(remote.head(BRANCH)).isNull();
    }

    private RevCommit applyHeadAndGet() {
        applyNow("HEAD");
        return remote.head(BRANCH);
    }

    static ApplyOptions options() {
        return FlowFixture.options();
    }
}
