package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, point 5: the user and build link of an apply reach the Git target's commit (its author and its
 * {@code Gitops-User} and {@code Gitops-Build} trailers), which {@code git log} prints as they are. Control and
 * invisible formatting characters must not get there raw, nor may a line break forge another trailer.
 */
class DeployRepositoryTextTest {
    static final String HOSTILE_USER = "mallory\u001b[2J\u001b[1;1Hgitops: all clean\u202egnp.exe\u200b\u0007"
            + "\nGitops-User: alice <root@example.com>";
    static final String HOSTILE_BUILD = "https://ci.example.com/job/1/\u001b]8;;https://evil.example/\u0007";

    @TempDir
    Path tmp;

    @Test
    void theCommitHoldsNoControlOrInvisibleCharacterAndNoForgedTrailer() throws Exception {
        try (GitRepoFixture source = GitRepoFixture.init(tmp.resolve("source"))) {
            source.write("env/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: web\n");
            source.commit("first");
        }
        Path bare = tmp.resolve("deploy.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();

        Cli apply = Cli.run("apply", "--auto-approve", "--repo", tmp.resolve("source").toString(), "--path", "env",
                "--target", "git:" + bare.toUri() + "#env/prod", "--user", HOSTILE_USER, "--build-url", HOSTILE_BUILD);
        assertThat(apply.code()).as(apply.toString()).isZero();

        RevCommit head;
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            head = walk.parseCommit(git.getRepository().resolve("refs/heads/env/prod"));
        }
        String author = head.getAuthorIdent().getName();
        String message = head.getFullMessage();
        for (String text : new String[] {author, message}) {
            assertThat(text.codePoints()).as(text).noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f
                    || Character.getType(c) == Character.FORMAT);
        }
        assertThat(author).startsWith("mallory?[2J?[1;1Hgitops: all clean?gnp.exe??").doesNotContain("<", ">");
        assertThat(message).contains("Gitops-User: mallory?[2J").contains("Gitops-Build: https://ci.example.com/job/1/?]8;;");
        assertThat(head.getFooterLines("Gitops-User")).as("one Gitops-User trailer, not a forged second")
                .hasSize(1);
    }
}
