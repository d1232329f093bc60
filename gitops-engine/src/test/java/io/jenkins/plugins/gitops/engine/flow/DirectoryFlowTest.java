package io.jenkins.plugins.gitops.engine.flow;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.apply.StalePlanException;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan, apply, verify, prune and rollback against the directory target, from a real Git repository. */
class DirectoryFlowTest {
    static final String SECRET = "pl4nted-s3cret-value";
    static final ResourceId CONFIG = new ResourceId("", "ConfigMap", "shop", "settings");
    static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");
    static final ResourceId CREDS = new ResourceId("", "Secret", "shop", "creds");
    static final ResourceId NS = new ResourceId("", "Namespace", "", "shop");

    @TempDir
    Path tmp;
    GitRepoFixture git;
    Path targetDir;
    DirectoryTarget target;
    FlowFixture flow;
    String c1;

    @BeforeEach
    void setUp() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("envs/prod/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                """);
        git.write("envs/prod/app.yaml", configMap("settings", "color", "blue") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                  namespace: shop
                stringData:
                  password: ${PASSWORD}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  annotations:
                    gitops.jenkins.io/wave: "2"
                spec:
                  replicas: 2
                """);
        git.write("other/readme.yaml", "not: a manifest of this environment\n");
        c1 = git.commit("first");
        targetDir = tmp.resolve("target");
        target = new DirectoryTarget(targetDir);
        flow = new FlowFixture(git.dir(), "envs/prod", target).variables(Map.of("PASSWORD", SECRET));
    }

    @Test
    void planApplyVerifyEndToEnd() {
        Plan plan = flow.plan("HEAD");
        assertThat(plan.commit()).isEqualTo(c1);
        assertThat(plan.summary().create()).isEqualTo(4);
        assertThat(plan.changes()).extracting(Change::id).first().isEqualTo(NS);
        assertThat(plan.changes()).extracting(Change::id).last().isEqualTo(WEB); // wave 2 after wave 0
        assertThat(plan.changes()).filteredOn(c -> c.id().equals(WEB)).first()
                .satisfies(c -> assertThat(c.origin().toString()).isEqualTo("envs/prod/app.yaml:17"));

        ApplyResult result = flow.apply(plan);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.outcomes()).extracting(Outcome::status).containsOnly(Outcome.Status.DONE);
        assertThat(targetDir.resolve("apps/Deployment/shop/web.yaml")).exists();
        assertThat(result.revision().commit()).isEqualTo(c1);

        VerifyResult verify = flow.verify("HEAD");
        assertThat(verify.inSync()).isTrue();
        assertThat(flow.plan("HEAD").summary().hasChanges()).isFalse();
    }

    @Test
    void aPlanWithoutBodiesDiffersOnlyInTheDiffsOfCreatesDeletesAndRunsAndAppliesAlike() throws Exception {
        flow.applyNow("HEAD");
        git.write("envs/prod/app.yaml", Files.readString(git.dir().resolve("envs/prod/app.yaml"))
                .replaceFirst("(?s)apiVersion: v1\nkind: ConfigMap.*?---\n", "").replace("replicas: 2", "replicas: 3"));
        git.write("envs/prod/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n"
                + "  namespace: shop\ndata:\n  size: large\n");
        git.write("envs/prod/migrate.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n"
                + "  namespace: shop\n  annotations:\n    helm.sh/hook: pre-upgrade\nspec:\n  template:\n    spec:\n"
                + "      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: migrate:1\n");
        String c2 = git.commit("an update, a delete, a create and a hook that runs once");

        Plan full = new Planner(target, Progress.NONE, Clock.systemUTC(), DiffMode.CLIENT, true).plan(flow.load(c2),
                Pruning.ON);
        Plan brief = new Planner(target, Progress.NONE, Clock.systemUTC(), DiffMode.CLIENT, false).plan(flow.load(c2),
                Pruning.ON);

        assertThat(full.summary()).isEqualTo(new PlanSummary(1, 1, 1, 2, 1));
        assertThat(brief.changes()).hasSameSizeAs(full.changes());
        for (int i = 0; i < full.changes().size(); i++) {
            Change withBody = full.changes().get(i);
            Change without = brief.changes().get(i);
            boolean body = withBody.action() == Action.CREATE || withBody.action() == Action.DELETE
                    || withBody.action() == Action.RUN;
            assertThat(without).isEqualTo(body ? new Change(withBody.id(), withBody.action(), withBody.origin(),
                    withBody.liveVersion(), "", withBody.paths()) : withBody);
        }
        assertThat(full.changes()).filteredOn(c -> c.action() == Action.CREATE).singleElement()
                .satisfies(c -> assertThat(c.diff()).contains("+  size: large"));
        assertThat(full.changes()).filteredOn(c -> c.action() == Action.DELETE).singleElement()
                .satisfies(c -> assertThat(c.diff()).contains("-  color: blue"));
        assertThat(full.changes()).filteredOn(c -> c.action() == Action.RUN).singleElement()
                .satisfies(c -> assertThat(c.diff()).contains("image: migrate:1"));
        assertThat(brief.desiredDigest()).isEqualTo(full.desiredDigest());
        assertThat(brief.liveFingerprint()).isEqualTo(full.liveFingerprint());

        assertThat(flow.apply(brief).succeeded()).isTrue();
        assertThat(targetDir.resolve("_core/ConfigMap/shop/extra.yaml")).content().contains("size: large");
        assertThat(targetDir.resolve("_core/ConfigMap/shop/settings.yaml")).doesNotExist();
        assertThat(flow.verify(c2).inSync()).isTrue();
    }

    @Test
    void handEditShowsAsDrift() throws Exception {
        flow.applyNow("HEAD");
        Path file = targetDir.resolve("_core/ConfigMap/shop/settings.yaml");
        Files.writeString(file, Files.readString(file).replace("blue", "red"));

        VerifyResult verify = flow.verify("HEAD");
        assertThat(verify.drifted()).extracting(Change::id).containsExactly(CONFIG);
        assertThat(verify.drifted().get(0).diff()).contains("-  color: red").contains("+  color: blue");
    }

    @Test
    void removedResourceIsPrunedAndRollbackRestoresIt() throws Exception {
        flow.applyNow("HEAD");
        git.write("envs/prod/app.yaml", Files.readString(git.dir().resolve("envs/prod/app.yaml"))
                .replaceFirst("(?s)apiVersion: v1\nkind: ConfigMap.*?---\n", ""));
        String c2 = git.commit("drop the config map");

        Plan plan = flow.plan(c2);
        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.DELETE).extracting(Change::id)
                .containsExactly(CONFIG);
        assertThat(flow.apply(plan).succeeded()).isTrue();
        assertThat(targetDir.resolve("_core/ConfigMap/shop/settings.yaml")).doesNotExist();
        assertThat(target.readInventory().resources()).doesNotContain(CONFIG).contains(WEB);

        assertThat(flow.applyNow(c1).succeeded()).isTrue();
        assertThat(targetDir.resolve("_core/ConfigMap/shop/settings.yaml")).exists();
        Inventory inventory = target.readInventory();
        assertThat(inventory.history()).extracting(r -> r.commit()).containsExactly(c1, c2, c1);
        assertThat(inventory.history()).allSatisfy(r -> assertThat(r.user()).isEqualTo("tester"));
    }

    @Test
    void pruneDisabledResourceIsKeptAndReleased() throws Exception {
        git.write("envs/prod/keep.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: keep
                  namespace: shop
                  annotations:
                    gitops.jenkins.io/prune: disabled
                """);
        git.commit("add keep");
        flow.applyNow("HEAD");
        git.delete("envs/prod/keep.yaml");
        git.commit("remove keep");

        ApplyResult result = flow.applyNow("HEAD");
        assertThat(result.succeeded()).isTrue();
        assertThat(targetDir.resolve("_core/ConfigMap/shop/keep.yaml")).exists();
        assertThat(target.readInventory().resources()).doesNotContain(new ResourceId("", "ConfigMap", "shop", "keep"));
    }

    @Test
    void stalePlanIsRefusedAndChangesNothing() throws Exception {
        flow.applyNow("HEAD");
        git.write("envs/prod/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
                + "  labels:\n    team: a\n");
        git.commit("label");
        Plan plan = flow.plan("HEAD");
        Path file = targetDir.resolve("_core/ConfigMap/shop/settings.yaml");
        Files.writeString(file, Files.readString(file).replace("blue", "green"));
        Map<String, String> before = FlowFixture.snapshot(targetDir);

        assertThatThrownBy(() -> flow.apply(plan)).isInstanceOf(StalePlanException.class)
                .hasMessageContaining("stale").hasMessageContaining(CONFIG.toString());
        assertThat(FlowFixture.snapshot(targetDir)).isEqualTo(before);
    }

    @Test
    void planMadeBeforeAnotherApplyChangedOwnershipIsStale() throws Exception {
        flow.applyNow(c1);
        Plan noChanges = flow.plan(c1);
        git.write("envs/prod/extra.yaml", configMap("extra"));
        flow.applyNow(git.commit("extra"));
        Map<String, String> before = FlowFixture.snapshot(targetDir);

        // The newer apply made "extra" ours; the old plan would give it up without deleting it.
        assertThatThrownBy(() -> flow.apply(noChanges)).isInstanceOf(StalePlanException.class)
                .hasMessageContaining("the delete of ConfigMap/shop/extra is missing")
                .hasMessageContaining("Nothing was applied");
        assertThat(FlowFixture.snapshot(targetDir)).isEqualTo(before);
        assertThat(target.readInventory().resources()).contains(new ResourceId("", "ConfigMap", "shop", "extra"));
    }

    @Test
    void planOfAnotherCommitOrAlteredPlanIsRefused() throws Exception {
        Plan plan = flow.plan("HEAD");
        git.write("envs/prod/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop2\n");
        String c2 = git.commit("rename");
        assertThatThrownBy(() -> new io.jenkins.plugins.gitops.engine.apply.Applier(target,
                io.jenkins.plugins.gitops.engine.Progress.NONE, java.time.Clock.systemUTC())
                .apply(plan, flow.load(c2), FlowFixture.options()))
                .isInstanceOf(StalePlanException.class).hasMessageContaining(c1).hasMessageContaining(c2);

        String json = PlanFile.toJson(plan);
        String edited = json.replace("\"CREATE\"", "\"NOOP\"");
        assertThat(edited).isNotEqualTo(json);
        assertThatThrownBy(() -> PlanFile.fromJson(edited, "plan.json")).hasMessageContaining("altered");
        assertThat(PlanFile.fromJson(json, "plan.json")).isEqualTo(plan);
        assertThat(FlowFixture.snapshot(targetDir)).isEmpty();
    }

    @Test
    void forgedPlanWithValidDigestCannotReachBeyondPrune() throws Exception {
        flow.applyNow("HEAD");
        ResourceId bystander = new ResourceId("", "ConfigMap", "shop", "not-ours");
        target.apply(new io.jenkins.plugins.gitops.engine.model.Resource(bystander, "v1", Map.of("apiVersion", "v1",
                "kind", "ConfigMap", "metadata", Map.of("name", "not-ours", "namespace", "shop")),
                new io.jenkins.plugins.gitops.engine.model.Origin("hand-made", 0)));
        Plan plan = flow.plan("HEAD");
        String version = target.read(List.of(bystander)).get(bystander).version();
        List<Change> forgedDelete = new java.util.ArrayList<>(plan.changes());
        forgedDelete.add(new Change(bystander, Action.DELETE, null, version, ""));
        List<Change> dropped = plan.changes().subList(1, plan.changes().size());
        Map<String, String> before = FlowFixture.snapshot(targetDir);

        for (List<Change> changes : List.of(forgedDelete, dropped)) {
            Plan forged = PlanFile.fromJson(PlanFile.toJson(new Plan(plan.repository(), plan.commit(), plan.path(),
                    plan.target(), plan.desiredDigest(), plan.liveFingerprint(), true, plan.createdAt(), changes)),
                    "forged.json");
            assertThatThrownBy(() -> flow.apply(forged)).isInstanceOf(StalePlanException.class)
                    .hasMessageContaining("does not match");
        }
        assertThat(FlowFixture.snapshot(targetDir)).isEqualTo(before);
    }

    @Test
    void planMadeBeforeAnotherApplyAdoptedTheResourcesIsStale() {
        // The objects exist already, put there by hand: same bytes as the engine writes, owned by nobody.
        flow.load(c1).desired().resources().forEach(target::apply);
        Plan adoptAll = flow.plan(c1);
        assertThat(adoptAll.summary().hasChanges()).isFalse();
        flow.applyNow(c1); // another run adopts them: the files stay as they are, the inventory changes
        Map<String, String> before = FlowFixture.snapshot(targetDir);

        assertThatThrownBy(() -> flow.apply(adoptAll)).isInstanceOf(StalePlanException.class)
                .hasMessageContaining("inventory changed");
        assertThat(FlowFixture.snapshot(targetDir)).isEqualTo(before);
    }

    @Test
    void forgedPruningPlanCannotAbandonAnOrphan() throws Exception {
        flow.applyNow("HEAD");
        git.write("envs/prod/app.yaml", Files.readString(git.dir().resolve("envs/prod/app.yaml"))
                .replaceFirst("(?s)apiVersion: v1\nkind: ConfigMap.*?---\n", ""));
        git.commit("drop the config map");
        Plan plan = flow.plan("HEAD");
        List<Change> withoutDelete = plan.changes().stream().filter(c -> c.action() != Action.DELETE).toList();
        assertThat(withoutDelete).hasSize(plan.changes().size() - 1);
        Plan forged = PlanFile.fromJson(PlanFile.toJson(new Plan(plan.repository(), plan.commit(), plan.path(),
                plan.target(), plan.desiredDigest(), plan.liveFingerprint(), true, plan.createdAt(), withoutDelete)),
                "forged.json");

        assertThatThrownBy(() -> flow.apply(forged)).isInstanceOf(StalePlanException.class)
                .hasMessageContaining("the delete of " + CONFIG + " is missing");
        assertThat(target.readInventory().resources()).contains(CONFIG);
    }

    @Test
    void secretValueIsInNoPlanOutput() {
        Plan plan = flow.plan("HEAD");
        String json = PlanFile.toJson(plan);
        assertThat(json).doesNotContain(SECRET)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(SECRET.getBytes()));
        assertThat(plan.changes()).filteredOn(c -> c.id().equals(CREDS)).first()
                .satisfies(c -> assertThat(c.diff()).contains("password"));
        flow.applyNow("HEAD");
        assertThat(FlowFixture.snapshot(targetDir.resolve(".gitops")).values())
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    @Test
    void failedApplyPrunesNothingKeepsInventoryAndReRunConverges() throws Exception {
        flow.applyNow("HEAD");
        git.delete("envs/prod/namespace.yaml");
        git.write("envs/prod/extra.yaml", configMap("extra"));
        git.write("envs/prod/late.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n"
                + "  namespace: shop\n  annotations:\n    gitops.jenkins.io/wave: \"3\"\n");
        git.commit("change");
        FailingTarget failing = new FailingTarget(target, new ResourceId("apps", "Deployment", "shop", "web"));
        // web must change for its apply to be attempted
        git.write("envs/prod/app.yaml", Files.readString(git.dir().resolve("envs/prod/app.yaml"))
                .replace("replicas: 2", "replicas: 3"));
        git.commit("scale");
        FlowFixture failingFlow = new FlowFixture(git.dir(), "envs/prod", failing)
                .variables(Map.of("PASSWORD", SECRET));

        ApplyResult result = failingFlow.applyNow("HEAD");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).extracting(Outcome::id).containsExactly(WEB);
        assertThat(result.outcomes()).filteredOn(o -> o.id().name().equals("late")).extracting(Outcome::status)
                .containsExactly(Outcome.Status.SKIPPED);
        assertThat(targetDir.resolve("_core/Namespace/_cluster/shop.yaml")).exists(); // not pruned
        assertThat(target.readInventory().resources()).contains(NS, new ResourceId("", "ConfigMap", "shop", "extra"));
        assertThat(target.readInventory().history()).hasSize(2); // the first apply, and this failure
        assertThat(target.readInventory().history().get(1).result()).isEqualTo(Revision.Result.FAILED);
        assertThat(target.readInventory().current()).map(Revision::commit).contains(c1);

        ApplyResult rerun = flow.applyNow("HEAD");
        assertThat(rerun.succeeded()).isTrue();
        assertThat(targetDir.resolve("_core/Namespace/_cluster/shop.yaml")).doesNotExist();
        assertThat(flow.verify("HEAD").inSync()).isTrue();
        assertThat(target.readInventory().resources()).doesNotContain(NS).hasSize(5);
    }

    @Test
    void invalidDesiredStateAppliesNothing() throws Exception {
        git.write("envs/prod/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        git.commit("broken");
        assertThatThrownBy(() -> flow.applyNow("HEAD")).hasMessageContaining("envs/prod/broken.yaml:");
        assertThat(FlowFixture.snapshot(targetDir)).isEmpty();
    }

    @Test
    void workingTreeEditsAreNotRead() throws Exception {
        Files.writeString(git.dir().resolve("envs/prod/uncommitted.yaml"),
                configMap("uncommitted"));
        assertThat(flow.plan("HEAD").changes()).extracting(Change::id).extracting(ResourceId::name)
                .doesNotContain("uncommitted").hasSize(4);
        assertThat(List.of(flow.plan(c1).commit())).containsExactly(c1);
    }
}
