package io.jenkins.plugins.gitops.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.report.PlanMarkdown;
import io.jenkins.plugins.gitops.engine.report.PlanText;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run-once hooks ({@code generateName} with a hook annotation) of Argo CD's example apps, planned as runs in their
 * phase and wave, never compared, owned or written as a managed file by the directory target.
 */
class RunOnceHooksTest {
    private static final ResourceId SCHEMA_JOB = ResourceId.generated("batch", "Job", "", "upgrade-sql-schema");

    @TempDir
    Path tmp;
    private DirectoryTarget target;

    private FlowFixture app(String name) throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of("src/test/resources/corpus/argocd-example-apps/" + name), "apps/" + name);
        git.commit(name);
        target = new DirectoryTarget(tmp.resolve("target"));
        return new FlowFixture(git.dir(), "apps/" + name, target);
    }

    @Test
    void argoSyncWavesRunThePreSyncJobFirstAndOrderTheRestByWave() throws Exception {
        FlowFixture flow = app("sync-waves");

        Plan plan = flow.plan("HEAD");

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.id()).containsExactly(
                "RUN Job.batch/upgrade-sql-schema*", // PreSync
                "CREATE Service/backend", "CREATE ReplicaSet.apps/backend", // wave 0, by kind
                "CREATE Job.batch/maint-page-up", // Sync hook, wave 1
                "CREATE Service/frontend", "CREATE ReplicaSet.apps/frontend", // wave 2
                "CREATE Job.batch/maint-page-down"); // Sync hook, wave 3
        assertThat(plan.summary().run()).isEqualTo(1);
        assertThat(plan.summary().toString()).isEqualTo("6 to create, 0 to update, 0 to delete, 0 unchanged, 1 to run");
        Change run = plan.changes().get(0);
        assertThat(run.liveVersion()).isNull();
        assertThat(run.diff()).contains("+  generateName: upgrade-sql-schema").contains("argocd.argoproj.io/hook: PreSync");
        assertThat(PlanText.render(plan)).contains("> run Job.batch/upgrade-sql-schema*  (apps/sync-waves/manifests.yaml:2)\n")
                .endsWith("Plan: 6 to create, 0 to update, 0 to delete, 0 unchanged, 1 to run.\n");
        assertThat(PlanMarkdown.render(plan, 60_000)).contains("| Create | Update | Delete | Unchanged | Run |\n")
                .contains("| 6 | 0 | 0 | 0 | 1 |\n");
    }

    @Test
    void theDirectoryTargetRecordsARunButWritesAndOwnsNothingForIt() throws Exception {
        FlowFixture flow = app("sync-waves");

        ApplyResult result = flow.apply(flow.plan("HEAD"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.outcomes()).filteredOn(o -> o.action() == Action.RUN).singleElement()
                .satisfies(o -> {
                    assertThat(o.id()).isEqualTo(SCHEMA_JOB);
                    assertThat(o.status()).isEqualTo(Outcome.Status.DONE);
                    assertThat(o.createdAs()).isNull();
                });
        assertThat(ApplyText.render(result))
                .contains("ran Job.batch/upgrade-sql-schema* (recorded only: this target runs no hooks)\n")
                .contains("Apply complete: 6 created, 0 updated, 0 deleted, 0 unchanged, 1 hook run(s) recorded only.\n");
        assertThat(target.readInventory().resources()).hasSize(6).noneMatch(ResourceId::hasGeneratedName);
        try (Stream<Path> files = Files.walk(tmp.resolve("target"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .anyMatch(p -> p.contains("maint-page-up")).noneMatch(p -> p.contains("upgrade-sql-schema"));
        }

        // The next plan runs the hook again, changes nothing else, and verify sees no drift.
        Plan again = flow.plan("HEAD");
        assertThat(again.changes()).extracting(Change::action).containsOnly(Action.RUN, Action.NOOP);
        assertThat(again.summary().hasChanges()).isFalse();
        assertThat(flow.verify("HEAD").inSync()).isTrue();
        // A run this target only records changes nothing: no new history entry for an apply of runs alone.
        int entries = target.readInventory().history().size();
        ApplyResult runsOnly = flow.apply(again);
        assertThat(runsOnly.succeeded()).isTrue();
        assertThat(runsOnly.revision()).isNull();
        assertThat(target.readInventory().history()).hasSize(entries);
    }

    @Test
    void helmHookAnnotationsOnPlainManifestsRunTheGeneratedJobBeforeTheNamedOnes() throws Exception {
        FlowFixture flow = app("helm-hooks");

        Plan plan = flow.plan("HEAD");

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.id()).containsExactly(
                "RUN Job.batch/upgrade-sql-schema*", // pre-install, weight -2
                "CREATE Job.batch/maint-page-up", // pre-install, weight -1
                "CREATE Service/frontend", "CREATE ReplicaSet.apps/frontend",
                "CREATE Job.batch/maint-page-down"); // post-install
    }

    @Test
    void aPlanThatRunsAHookIsFormatTwoAndAPlanWithoutOneStaysFormatOne() throws Exception {
        FlowFixture flow = app("sync-waves");
        Plan plan = flow.plan("HEAD");

        String json = PlanFile.toJson(plan);

        assertThat(json).contains("\"format\" : 2").contains("\"action\" : \"RUN\"");
        assertThat(PlanFile.fromJson(json, "plan.json")).isEqualTo(plan);
        Plan withoutRun = new Plan(plan.repository(), plan.commit(), plan.path(), plan.target(), plan.desiredDigest(),
                plan.liveFingerprint(), plan.prune(), plan.createdAt(), plan.changes().subList(1, plan.changes().size()));
        assertThat(PlanFile.toJson(withoutRun)).contains("\"format\" : 1");
    }

    @Test
    void aPlanWhoseRunWasTurnedIntoACreateIsRefused() throws Exception {
        FlowFixture flow = app("sync-waves");
        Plan plan = flow.plan("HEAD");
        List<Change> forged = plan.changes().stream().map(c -> c.action() != Action.RUN ? c
                : new Change(c.id(), Action.CREATE, c.origin(), null, c.diff())).toList();

        assertThatThrownBy(() -> flow.apply(new Plan(plan.repository(), plan.commit(), plan.path(), plan.target(),
                plan.desiredDigest(), plan.liveFingerprint(), plan.prune(), plan.createdAt(), forged)))
                .isInstanceOf(GitopsException.class).hasMessageContaining("CREATE Job.batch/upgrade-sql-schema*");
        assertThat(tmp.resolve("target/.gitops/inventory.json")).doesNotExist();
    }
}
