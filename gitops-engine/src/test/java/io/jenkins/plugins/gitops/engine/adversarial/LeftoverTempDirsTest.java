package io.jenkins.plugins.gitops.engine.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.source.GitCommitLog;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchOptions;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, point 6: the clones of the metrics' commit log and of an environment branch were made in temporary
 * directories of their own ({@code gitops-clone-*}, {@code gitops-branch-*}), outside the process-named ones that the
 * next run sweeps, so a killed run left a full clone on the agent. Both are now named after their process, owner-only,
 * and the leftovers of a process that is gone are removed by the next one.
 */
class LeftoverTempDirsTest {
    static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    Path tmp;

    /** The id of a process that has ended. */
    static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }

    static Path leftover(String kind, long pid) throws IOException {
        Path dir = Files.createDirectories(TMP.resolve("gitops-" + kind + "-" + pid + "-leftover"));
        Files.writeString(dir.resolve("HEAD"), "ref: refs/heads/main\n");
        return dir;
    }

    static List<Path> ours(String kind) throws IOException {
        try (Stream<Path> entries = Files.list(TMP)) {
            return entries.filter(p -> p.getFileName().toString()
                    .startsWith("gitops-" + kind + "-" + ProcessHandle.current().pid() + "-")).toList();
        }
    }

    @Test
    void theBranchAndCommitLogClonesAreProcessNamedOwnerOnlyAndSwept() throws Exception {
        try (GitRepoFixture source = GitRepoFixture.init(tmp.resolve("source"))) {
            source.write("env/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
            source.commit("first");
        }
        Path bare = tmp.resolve("deploy.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        long dead = deadPid();
        Path branchLeftover = leftover("branch", dead);
        Path cloneLeftover = leftover("clone", dead);
        List<Path> branchBefore = ours("branch");
        List<Path> cloneBefore = ours("clone");

        try (GitBranchTarget target = GitBranchTarget.open(GitBranchSpec.parse("git:" + bare.toUri() + "#env/prod"),
                GitBranchOptions.reading(null))) {
            assertThat(branchLeftover).doesNotExist();
            List<Path> open = ours("branch").stream().filter(p -> !branchBefore.contains(p)).toList();
            assertThat(open).hasSize(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open.get(0)))).isEqualTo("rwx------");
        }
        try (GitCommitLog log = GitCommitLog.open(tmp.resolve("source").toUri().toString())) {
            assertThat(cloneLeftover).doesNotExist();
            List<Path> open = ours("clone").stream().filter(p -> !cloneBefore.contains(p)).toList();
            assertThat(open).hasSize(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open.get(0)))).isEqualTo("rwx------");
        }
        assertThat(ours("branch")).isEqualTo(branchBefore);
        assertThat(ours("clone")).isEqualTo(cloneBefore);
    }
}
