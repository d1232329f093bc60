package io.jenkins.plugins.gitops.engine.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.1 with a real process: an apply of commit X is stopped with SIGSTOP after a few writes, for longer
 * than its lease; another apply takes the lock over and applies commit Y; then the first one is continued.
 * It must stop instead of writing X over Y: afterwards every file holds Y.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StoppedApplyTest {
    static final String ENV = "env";
    static final int RESOURCES = 40;
    static final long LEASE_MILLIS = 2000;

    @TempDir
    Path tmp;

    private static String commit(GitRepoFixture git, String value) {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < RESOURCES; i++) {
            docs.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i)
                    .append("\n  namespace: shop\ndata:\n  v: \"").append(value).append("\"\n");
        }
        git.write(ENV + "/cms.yaml", docs.toString());
        return git.commit(value);
    }

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /**
     * Stops the child between its writes, not inside the lock guard, which a renewal holds for a few milliseconds:
     * a run stopped in there holds every other run up, which ends only after the guard's patience, with an error
     * (DirectoryLockTest). Its renewals fall where they may, so it is stopped again until the guard is free.
     */
    private static void stopOutsideTheGuard(Process child, Path dir) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            signal(child, "STOP");
            try (FileChannel channel = FileChannel.open(dir.resolve(".gitops/lock.guard"), StandardOpenOption.WRITE);
                    FileLock free = channel.tryLock()) {
                if (free != null) {
                    return;
                }
            }
            signal(child, "CONT");
            Thread.sleep(20);
        }
        throw new AssertionError("the child was inside the lock guard at each of 50 stops");
    }

    @Test
    void aStoppedApplyResumedAfterATakeOverWritesNothing() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        String x = commit(git, "x");
        String y = commit(git, "y");
        git.close();
        Path dir = tmp.resolve("target");
        Process child = KilledApplyTest.start(List.of(tmp.resolve("repo").toString(), x, ENV, dir.toString(),
                "stopped-run", String.valueOf(LEASE_MILLIS), "50", "0"));
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        int writes = 0;
        for (String line = out.readLine(); line != null && writes < 5; line = out.readLine()) {
            writes += line.contains(" write ") ? 1 : 0;
        }
        assertThat(writes).as("the child applied a few resources").isEqualTo(5);
        stopOutsideTheGuard(child, dir);
        try {
            DirectoryTarget target = new DirectoryTarget(dir);
            FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, target);
            // The lock wait covers the stopped run's lease: this apply takes the lock over once it runs out.
            var applied = new io.jenkins.plugins.gitops.engine.apply.Applier(target,
                    io.jenkins.plugins.gitops.engine.Progress.NONE, java.time.Clock.systemUTC())
                    .planAndApply(flow.load(y), true,
                            FlowFixture.options().withLockWait(Duration.ofMillis(LEASE_MILLIS * 5)));
            assertThat(applied.succeeded()).isTrue();
        } finally {
            signal(child, "CONT");
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String rest = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).doesNotContain("APPLIED");

        DirectoryTarget target = new DirectoryTarget(dir);
        assertThat(target.stored()).hasSize(RESOURCES);
        for (var live : target.read(target.stored()).values()) {
            assertThat(live.body().get("data")).as(live.id().toString()).isEqualTo(java.util.Map.of("v", "y"));
        }
        assertThat(target.readInventory().current().orElseThrow().commit()).isEqualTo(y);
        assertThat(target.readInventory().resources()).hasSize(RESOURCES)
                .allMatch((ResourceId id) -> id.name().startsWith("cm-"));
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
