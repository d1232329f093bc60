package io.jenkins.plugins.gitops.engine.targets.directory;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 *
 * <p>The guard is held for milliseconds (a read and a write of the lock record), so waiting for it longer than
 * {@link #PATIENCE} means its holder is stopped inside (SIGSTOP, a suspended machine): the wait then ends with an
 * error saying so, instead of holding up every run until that process continues.
 */
final class LockGuard {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long RETRY_MILLIS = 10;
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final Duration patience;

    LockGuard(Path file) {
        this(file, PATIENCE);
    }

    LockGuard(Path file, Duration patience) {
        this.file = file;
        this.patience = patience;
    }

    <T> T hold(Supplier<T> action) {
        Path key = canonical();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(key, CREATE, WRITE); FileLock ignored = waitFor(channel)) {
            return action.get();
        } catch (IOException e) {
            throw new TargetException("cannot take the lock guard " + file + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private FileLock waitFor(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TargetException("the lock guard " + file + " has been held by another process for "
                        + patience.toSeconds() + " s, where a lock operation takes milliseconds: that process is"
                        + " probably stopped inside one (kill -STOP, a suspended machine). Continue or end it, then"
                        + " run again");
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException("interrupted while waiting for the lock guard " + file, e);
            }
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
