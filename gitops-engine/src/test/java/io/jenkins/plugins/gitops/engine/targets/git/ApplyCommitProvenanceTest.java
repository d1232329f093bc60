package io.jenkins.plugins.gitops.engine.targets.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.api.ApplyPlanRequest;
import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.Inputs;
import io.jenkins.plugins.gitops.engine.api.PlanAndApplyRequest;
import io.jenkins.plugins.gitops.engine.api.PlanRequest;
import io.jenkins.plugins.gitops.engine.api.Source;
import io.jenkins.plugins.gitops.engine.api.TargetSpec;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who an apply commit on an environment branch names, and where it says its content came from: the source's web
 * address, never the path of the clone it was read from (a Jenkins agent's workspace), and an author with an address.
 */
class ApplyCommitProvenanceTest {
    private static final String BRANCH = "env/staging";
    private static final String ORIGIN = "https://github.com/acme/shop.git";

    @TempDir
    Path tmp;

    @Test
    void aCloneIsRecordedByItsOriginUrlAndTheUserIsTheAuthorWithAnAddress() throws Exception {
        try (GitRepoFixture source = GitRepoFixture.init(tmp.resolve("workspace"))) {
            String commit = source.write("envs/staging/app.yaml", GitBranchTargetTest.app("blue", 2))
                    .commit("first");
            Files.writeString(source.dir().resolve(".git/config"), "[remote \"origin\"]\n\turl = https://bot:t0ken@"
                    + "github.com/acme/shop.git\n", StandardOpenOption.APPEND);
            BareRemote remote = BareRemote.create(tmp.resolve("deploy.git"));
            TargetSpec target = new TargetSpec.GitBranch(spec(remote), null, false, null);

            new Gitops(Progress.NONE).planAndApply(new PlanAndApplyRequest(new Source(source.dir().toString(), commit,
                    "envs/staging"), Inputs.NONE, target, DiffMode.CLIENT, true, ApplyOptions.defaults("alice"), Wait.NONE));

            RevCommit applied = remote.log(BRANCH).get(0);
            assertThat(ApplyCommitMessage.of(applied).orElseThrow().sourceRepository()).isEqualTo(ORIGIN);
            assertThat(applied.getFullMessage()).doesNotContain(source.dir().toString(), "t0ken");
            assertThat(applied.getAuthorIdent().getName()).isEqualTo("alice");
            assertThat(applied.getAuthorIdent().getEmailAddress()).isNotEmpty();
        }
    }

    @Test
    void aSavedPlanFromACloneWithoutRemoteRecordsNoPathAndTheConfiguredAuthor() throws Exception {
        try (GitRepoFixture source = GitRepoFixture.init(tmp.resolve("workspace"))) {
            String commit = source.write("envs/staging/app.yaml", GitBranchTargetTest.app("blue", 2))
                    .commit("first");
            BareRemote remote = BareRemote.create(tmp.resolve("deploy.git"));
            TargetSpec target = new TargetSpec.GitBranch(spec(remote), null, false,
                    GitAuthor.parse("Deploy Bot <deploy@example.com>"));
            Gitops gitops = new Gitops(Progress.NONE);
            Path plan = tmp.resolve("plan.json");
            gitops.plan(new PlanRequest(new Source(source.dir().toString(), commit, "envs/staging"), Inputs.NONE, target,
                    DiffMode.CLIENT, Pruning.ON, plan, null, null));

            gitops.apply(new ApplyPlanRequest(plan, new Source(source.dir().toString(), null, null), Inputs.NONE, target,
                    ApplyOptions.defaults("jenkins"), Wait.NONE));

            RevCommit applied = remote.log(BRANCH).get(0);
            assertThat(ApplyCommitMessage.of(applied).orElseThrow().sourceRepository()).isNull();
            assertThat(applied.getFullMessage()).doesNotContain(source.dir().toString());
            assertThat(applied.getAuthorIdent().getName()).isEqualTo("Deploy Bot");
            assertThat(applied.getAuthorIdent().getEmailAddress()).isEqualTo("deploy@example.com");
        }
    }

    @Test
    void anAuthorIsGivenAsNameAndAddress() {
        assertThat(GitAuthor.parse("  Jane Q. Doe  <jane@example.com> ")).isEqualTo(new GitAuthor("Jane Q. Doe",
                "jane@example.com"));
        assertThatThrownBy(() -> GitAuthor.parse("jane@example.com")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("Name <name@example.com>");
        assertThatThrownBy(() -> GitAuthor.parse("Jane <>")).isInstanceOf(GitopsException.class);
    }

    private static GitBranchSpec spec(BareRemote remote) {
        return GitBranchSpec.parse("git:" + remote.fileUrl() + "#" + BRANCH + ":manifests");
    }
}
