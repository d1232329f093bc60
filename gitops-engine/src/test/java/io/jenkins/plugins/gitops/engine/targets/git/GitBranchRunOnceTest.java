package io.jenkins.plugins.gitops.engine.targets.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's sync-waves app on an environment branch: the run-once hook is shown as run but no file is written for it,
 * and an apply that would only run it lands no commit.
 */
class GitBranchRunOnceTest {
    private static final String BRANCH = "env/prod";

    @TempDir
    Path tmp;

    @Test
    void aRunOnceHookIsNoFileAndAnApplyOfRunsAloneIsNoCommit() throws Exception {
        GitRepoFixture source = GitRepoFixture.init(tmp.resolve("source"));
        source.copyTree(Path.of("src/test/resources/corpus/argocd-example-apps/sync-waves"), "apps/sync-waves");
        source.commit("sync-waves");
        BareRemote remote = BareRemote.create(tmp.resolve("deploy.git"));
        GitBranchSpec spec = GitBranchSpec.parse("git:" + remote.fileUrl() + "#" + BRANCH);

        for (int apply = 0; apply < 2; apply++) {
            try (GitBranchTarget target = GitBranchTarget.open(spec,
                    GitBranchTargetTest.applying("source"))) {
                ApplyResult result = new FlowFixture(source.dir(), "apps/sync-waves", target).applyNow("HEAD");
                assertThat(result.succeeded()).isTrue();
                assertThat(result.outcomes()).filteredOn(o -> o.action() == Action.RUN).singleElement()
                        .satisfies(o -> assertThat(o.createdAs()).isNull());
            }
        }

        // The second apply found everything in place and only a hook to run, which a branch does not run.
        assertThat(remote.log(BRANCH)).hasSize(1);
        RevCommit head = remote.log(BRANCH).get(0);
        assertThat(remote.files(head).keySet()).anyMatch(f -> f.contains("maint-page-up"))
                .noneMatch(f -> f.contains("upgrade-sql-schema"));
    }
}
