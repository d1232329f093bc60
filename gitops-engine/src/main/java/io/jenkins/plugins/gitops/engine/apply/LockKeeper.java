package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Polling;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds a target's lock for the length of an apply: waits for another holder up to a limit, warns when it
 * takes over a lock whose holder died, and renews the lease in the background so a long apply keeps it.
 * Before each wave and before the inventory is written, {@link #confirm} renews synchronously, which the
 * target refuses if another run took the lock over (after a pause longer than the lease, say): the apply then
 * stops instead of writing over the other run's work.
 */
final class LockKeeper implements AutoCloseable {
    private final TargetLock lock;
    private final ScheduledExecutorService renewer;
    private static final int CONFIRM_ATTEMPTS = 3;
    private static final long CONFIRM_BACKOFF_MILLIS = 200;
    private static final Duration LOCK_RETRY = Duration.ofMillis(500);

    private LockKeeper(TargetLock lock, long leaseMillis) {
        this.lock = lock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gitops-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, leaseMillis / 3);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    static LockKeeper acquire(Target target, String holder, ApplyOptions options, Progress progress) {
        AtomicReference<TargetLockedException> refused = new AtomicReference<>();
        TargetLock lock;
        try {
            lock = Polling.until(() -> {
                try {
                    return target.lock(holder, options.lease());
                } catch (TargetLockedException e) {
                    refused.set(e);
                    return null;
                }
            }, Objects::nonNull, options.lockWait(), LOCK_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitopsException("interrupted while waiting for the target lock");
        }
        if (lock == null) {
            throw refused.get();
        }
        lock.tookOverFrom().ifPresent(old -> progress.warn("took over the lock of " + old.holder()
                + " on " + target.identity() + ": its lease ran out at " + old.expiresAt()
                + " (that run probably died; its changes may be partial and this apply completes them)"));
        return new LockKeeper(lock, options.lease().toMillis());
    }

    /**
     * Who we are, as other runs see it in the lock. The run id makes two runs of one user on one host (two
     * builds in one Jenkins agent JVM) different holders, so neither mistakes the other's lock for its own.
     */
    static String holder(String user) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return user + "@" + host + " (pid " + ProcessHandle.current().pid() + ", run "
                + UUID.randomUUID().toString().substring(0, 8) + ")";
    }

    /** A failed background renewal is not yet a lost lock (a network blip): {@link #confirm} decides. */
    private void renew() {
        try {
            lock.renew();
        } catch (RuntimeException e) {
            // the next renewal, or confirm(), tries again
        }
    }

    /**
     * Renews now and fails if the lock cannot be confirmed as ours after a few tries (another run took it over,
     * or the target is unreachable). An interrupt pending on this thread is cleared first and reported in
     * {@code interrupted}, because file locking on an interrupted thread fails.
     */
    void confirm(AtomicBoolean interrupted) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < CONFIRM_ATTEMPTS; attempt++) {
            if (Thread.interrupted()) {
                interrupted.set(true);
            }
            try {
                lock.renew();
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                Thread.sleep(CONFIRM_BACKOFF_MILLIS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }
        throw new GitopsException("cannot confirm the lock on the target (" + failure.getMessage() + "); stopped"
                + " without writing the inventory, which may belong to the run that holds the lock now. Run apply"
                + " again to complete the work", failure);
    }

    /** Releases the lock even when the thread was interrupted (an aborted build), then restores the interrupt. */
    @Override
    public void close() {
        renewer.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            lock.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
