package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.WarningLog;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply to the directory target killed with SIGKILL half way: its lock blocks the next apply until the
 * lease runs out, then is taken over with a warning; the apply converges and no file is half-written.
 */
class KilledApplyTest {
    static final String ENV = "env";
    static final int RESOURCES = 40;
    static final long LEASE_MILLIS = 5000;

    @TempDir
    Path tmp;

    static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowApplyMain.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    static String repoWithConfigMaps(Path dir, int count) {
        GitRepoFixture git = GitRepoFixture.init(dir);
        // Large values, so a write interrupted by the kill would be visible as a truncated file.
        git.write(ENV + "/cms.yaml", numbered(0, count, "blob", "x".repeat(64 * 1024)));
        String commit = git.commit("many");
        git.close();
        return commit;
    }

    @Test
    void killedApplyIsTakenOverAfterItsLeaseAndConverges() throws Exception {
        String commit = repoWithConfigMaps(tmp.resolve("repo"), RESOURCES);
        Path dir = tmp.resolve("target");
        Process child = start(List.of(tmp.resolve("repo").toString(), commit, ENV, dir.toString(), "killed-run",
                String.valueOf(LEASE_MILLIS), "50", "0"));
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        int writes = 0;
        for (String line = out.readLine(); line != null && writes < 5; line = out.readLine()) {
            writes += line.contains(" write ") ? 1 : 0;
        }
        assertThat(writes).as("the child applied a few resources").isEqualTo(5);
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve(".gitops/lock.json")).exists();

        DirectoryTarget target = new DirectoryTarget(dir);
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, target);
        WarningLog progress = new WarningLog();
        Applier applier = new Applier(target, progress, Clock.systemUTC());
        assertThatThrownBy(() -> applier.planAndApply(flow.load(commit), true, FlowFixture.options()))
                .isInstanceOf(TargetLockedException.class).hasMessageContaining("locked by killed-run@");

        long stored = target.stored().size();
        assertThat(stored).as("the kill came half way").isBetween(5L, RESOURCES - 1L);
        assertThat(applier.planAndApply(flow.load(commit), true,
                FlowFixture.options().withLockWait(Duration.ofMillis(LEASE_MILLIS * 3))).succeeded()).isTrue();
        assertThat(progress.warnings()).anyMatch(w -> w.contains("took over the lock of killed-run@"));
        assertThat(flow.verify(commit).inSync()).isTrue();
        assertThat(target.stored()).hasSize(RESOURCES);
        assertThat(target.readInventory().resources()).isEqualTo(target.stored());
        // Every file parses (read throws on a half-written one) and no temp file is left behind.
        assertThat(target.read(target.stored())).hasSize(RESOURCES);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        assertThat(dir.resolve(".gitops/lock.json")).doesNotExist();
    }

}
