package io.jenkins.plugins.gitops.engine.targets.directory;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Makes read-decide-write of the lock record one step, for threads and processes alike. An OS lock on a
 * guard file excludes other processes; it cannot exclude threads of this JVM (a second {@link FileChannel#lock}
 * here throws instead of waiting), so a JVM-wide lock per guard file is taken first.
 *
 * <p>The guard file is never deleted: a process waiting on the old file would otherwise lock a different
 * file than the next one to come.
 */
final class LockGuard {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;

    LockGuard(Path file) {
        this.file = file;
    }

    <T> T hold(Supplier<T> action) {
        Path key = canonical();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(key, CREATE, WRITE); FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new TargetException("cannot take the lock guard " + file + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    /** One key per real file, so two spellings of the same folder (a symbolic link) share the JVM lock. */
    private Path canonical() {
        try {
            Files.createDirectories(file.getParent());
            return file.getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            throw new TargetException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
    }
}
