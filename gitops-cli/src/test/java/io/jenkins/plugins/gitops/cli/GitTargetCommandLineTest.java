package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --target git:...} end to end against a bare repository made in the test. */
class GitTargetCommandLineTest {
    @TempDir
    Path tmp;
    GitRepoFixture source;
    Path bare;
    String target;

    @BeforeEach
    void setUp() throws Exception {
        source = GitRepoFixture.init(tmp.resolve("source"));
        source.write("env/app.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                  namespace: web
                data:
                  color: blue
                """);
        source.commit("first");
        bare = tmp.resolve("deploy.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        target = "git:" + bare.toUri() + "#env/staging:manifests";
    }

    private Cli run(String command, String... more) {
        String[] base = {command, "--repo", source.dir().toString(), "--path", "env", "--target", target};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    @Test
    void aReviewedPlanBecomesOneCommitAndVerifySaysHealthIsNotObserved() throws Exception {
        Path planFile = tmp.resolve("staging.plan.json");
        Cli plan = run("plan", "--out", planFile.toString());
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);

        Cli apply = Cli.run("apply", planFile.toString(), "--repo", source.dir().toString(), "--target", target,
                "--user", "alice", "--build-url", "https://ci.example.com/job/deploy/12/");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();

        RevCommit head = head();
        assertThat(head.getFullMessage()).contains("Gitops-Plan-Digest: sha256:").contains("Gitops-User: alice")
                .contains("Gitops-Build: https://ci.example.com/job/deploy/12/");
        assertThat(head.getAuthorIdent().getName()).isEqualTo("alice");

        Cli verify = run("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("Health: not observed").contains("No drift");
    }

    @Test
    void aPlanMadeBeforeTheBranchMovedIsRefusedAsStale() throws Exception {
        assertThat(run("apply", "--auto-approve").exitCode()).isZero();
        Path planFile = tmp.resolve("staging.plan.json");
        source.write("env/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: web\n"
                + "data:\n  color: green\n");
        source.commit("green");
        assertThat(run("plan", "--out", planFile.toString()).exitCode()).isEqualTo(2);
        assertThat(run("apply", "--auto-approve").exitCode()).as("another run applies first").isZero();
        RevCommit before = head();

        Cli stale = Cli.run("apply", planFile.toString(), "--repo", source.dir().toString(), "--target", target);

        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("the plan is stale").contains("moved since the plan was made")
                .contains("Nothing was written");
        assertThat(head()).isEqualTo(before);
    }

    @Test
    void aHandCommitIsDriftNamingItsAuthor() throws Exception {
        assertThat(run("apply", "--auto-approve").exitCode()).isZero();
        Path work = tmp.resolve("work");
        try (Git clone = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile())
                .setBranch("env/staging").call()) {
            java.nio.file.Files.writeString(work.resolve("manifests/_core/ConfigMap/web/app.yaml"),
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: web\ndata:\n  color: red\n");
            PersonIdent bob = new PersonIdent("Bob", "bob@example.invalid");
            clone.commit().setAll(true).setMessage("hotfix").setAuthor(bob).setCommitter(bob).setSign(false).call();
            clone.push().call();
        }

        Cli verify = run("verify");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(2);
        assertThat(verify.out()).contains("drift cause: commit").contains("by Bob <bob@example.invalid>")
                .contains("\"hotfix\"");
    }

    private RevCommit head() throws Exception {
        try (Repository repo = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(repo.resolve("refs/heads/env/staging"));
        }
    }
}
