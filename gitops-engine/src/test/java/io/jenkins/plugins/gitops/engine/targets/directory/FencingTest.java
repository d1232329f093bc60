package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LockLostException;
import io.jenkins.plugins.gitops.engine.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.1, the directory target's fencing: a run paused between writing a file's bytes and renaming them
 * into place, for longer than its lease, finds another lock generation when it resumes and does not rename.
 */
class FencingTest {
    static final ResourceId SETTINGS = new ResourceId("", "ConfigMap", "shop", "settings");
    static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    static Resource settings(String value) {
        return new Resource(SETTINGS, "v1", Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata",
                Map.of("name", "settings", "namespace", "shop"), "data", Map.of("v", value)),
                new Origin("settings.yaml", 1));
    }

    /** A disk on which the next resource write pauses after its bytes are written, before its rename. */
    static final class PausingDisk implements Disk {
        private Runnable pause;

        void pauseNextWrite(Runnable whilePaused) {
            pause = whilePaused;
        }

        @Override
        public void writeNew(Path temp, byte[] content, Set<FileAttribute<?>> attributes) throws IOException {
            REAL.writeNew(temp, content, attributes);
            Runnable p = pause;
            if (p != null && temp.getFileName().toString().startsWith(".settings.yaml")) {
                pause = null;
                p.run();
            }
        }

        @Override
        public void rename(Path from, Path to) throws IOException {
            REAL.rename(from, to);
        }
    }

    @Test
    void pausedWriteIsNotRenamedOverTheNewHoldersFile() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        PausingDisk disk = new PausingDisk();
        DirectoryTarget a = new DirectoryTarget(dir, clock, disk);
        a.lock("run A", LEASE);
        Inventory bInventory = new Inventory(new TreeSet<>(List.of(SETTINGS)), List.of());
        disk.pauseNextWrite(() -> {
            clock.advance(LEASE.multipliedBy(2));
            DirectoryTarget b = new DirectoryTarget(dir, clock);
            b.lock("run B", LEASE);
            b.apply(settings("from B"));
            b.writeInventory(bInventory);
        });

        assertThatThrownBy(() -> a.apply(settings("from A"))).isInstanceOf(LockLostException.class)
                .hasMessageContaining("run B");

        assertThat(Files.readString(dir.resolve("_core/ConfigMap/shop/settings.yaml"))).contains("from B")
                .doesNotContain("from A");
        assertThatThrownBy(() -> a.writeInventory(Inventory.EMPTY)).isInstanceOf(LockLostException.class);
        assertThat(new DirectoryTarget(dir).readInventory()).isEqualTo(bInventory);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void deleteAfterTheLockWasTakenOverIsRefused() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DirectoryTarget a = new DirectoryTarget(dir, clock);
        a.lock("run A", LEASE);
        a.apply(settings("from A"));
        clock.advance(LEASE.multipliedBy(2));
        new DirectoryTarget(dir, clock).lock("run B", LEASE);

        assertThatThrownBy(() -> a.delete(SETTINGS)).isInstanceOf(LockLostException.class);
        assertThat(dir.resolve("_core/ConfigMap/shop/settings.yaml")).exists();
    }

    @Test
    void takeOverRemovesTheTempFilesOfTheRunItReplaces() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DirectoryTarget a = new DirectoryTarget(dir, clock);
        String tag = DirectoryLock.tagOf(a.lock("run A", LEASE).record());
        a.apply(settings("from A"));
        Path left = dir.resolve("_core/ConfigMap/shop/.other.yaml." + tag + ".tmp");
        Files.writeString(left, "half a file, left by the kill");
        clock.advance(LEASE.multipliedBy(2));

        new DirectoryTarget(dir, clock).lock("run B", LEASE);

        assertThat(left).doesNotExist();
    }
}
