package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.targets.LockLostException;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Holds a target's lock for the length of an apply: waits for another holder up to a limit, warns when it
 * takes over a lock whose holder died, and renews the lease in the background so a long apply keeps it.
 *
 * <p>A run may be paused (a stopped process, a long garbage collection, a suspended machine) for longer than
 * its lease while another run takes the lock over. So no write relies on the last renewal being recent:
 * {@link #checkLease} runs before every write and lets it go ahead only while the lease is certainly still
 * ours, measured on the monotonic clock from the moment the last successful renewal was <em>sent</em>, and
 * only for half the lease (the other half covers clock differences with the target). Past that, it renews
 * first, and a lock taken over meanwhile stops the run. Before each wave and before the inventory is
 * written, {@link #confirm} renews synchronously as well.
 */
final class LockKeeper implements AutoCloseable {
    private static final int CONFIRM_ATTEMPTS = 3;
    private static final long CONFIRM_BACKOFF_MILLIS = 200;

    private final TargetLock lock;
    private final ScheduledExecutorService renewer;
    private final LongSupplier nanoTime;
    private final long safeNanos;
    private volatile long safeUntil;
    private volatile LockLostException lost;

    private LockKeeper(TargetLock lock, long leaseNanos, LongSupplier nanoTime, long takenAt) {
        this.lock = lock;
        this.nanoTime = nanoTime;
        this.safeNanos = leaseNanos / 2;
        this.safeUntil = takenAt + safeNanos;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gitops-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 3);
        renewer.scheduleAtFixedRate(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    static LockKeeper acquire(Target target, String holder, ApplyOptions options, Progress progress,
            LongSupplier nanoTime) {
        long deadline = System.nanoTime() + options.lockWait().toNanos();
        while (true) {
            try {
                long takenAt = nanoTime.getAsLong();
                TargetLock lock = target.lock(holder, options.lease());
                lock.tookOverFrom().ifPresent(old -> progress.warn("took over the lock of " + old.holder()
                        + " on " + target.identity() + ": its lease ran out at " + old.expiresAt()
                        + " (that run probably died; its changes may be partial and this apply completes them)"));
                return new LockKeeper(lock, options.lease().toNanos(), nanoTime, takenAt);
            } catch (TargetLockedException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw e;
                }
                sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
            }
        }
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

    /** A failed background renewal is not yet a lost lock (a network blip): the next write's check decides. */
    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // checkLease() and confirm() try again, and stop the run if the lease may have run out
        }
    }

    private void renew() {
        long sentAt = nanoTime.getAsLong();
        try {
            lock.renew();
        } catch (LockLostException e) {
            lost = e;
            throw e;
        }
        safeUntil = Math.max(safeUntil, sentAt + safeNanos);
    }

    /**
     * Lets a write go ahead only while the lease is certainly ours; past the safe part of the lease, renews
     * first. Thread-safe; concurrent writers wait for one renewal.
     *
     * @throws GitopsException when the lock was taken over, or cannot be renewed once the lease may have run out
     */
    void checkLease() {
        if (lost == null && nanoTime.getAsLong() < safeUntil) {
            return;
        }
        synchronized (this) {
            if (lost == null && nanoTime.getAsLong() < safeUntil) {
                return;
            }
            confirm(new AtomicBoolean());
        }
    }

    /**
     * Renews now. Fails at once if another run holds the lock; fails if the lock cannot be renewed after a few
     * tries and the lease may have run out meanwhile. A renewal that fails while the lease is certainly still
     * ours (a full disk refusing the lock record, say) is not the run's problem to report: the write that
     * follows names the real cause. An interrupt pending on this thread is cleared first and reported in
     * {@code interrupted}, because file locking on an interrupted thread fails.
     */
    void confirm(AtomicBoolean interrupted) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < CONFIRM_ATTEMPTS; attempt++) {
            if (Thread.interrupted()) {
                interrupted.set(true);
            }
            if (lost != null) {
                throw lockLost(lost);
            }
            try {
                renew();
                return;
            } catch (LockLostException e) {
                throw lockLost(e);
            } catch (RuntimeException e) {
                failure = e;
            }
            if (nanoTime.getAsLong() < safeUntil) {
                return;
            }
            try {
                Thread.sleep(CONFIRM_BACKOFF_MILLIS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }
        throw new GitopsException("cannot renew the lock on the target (" + failure.getMessage() + ") and its lease"
                + " may have run out; stopped without writing more, nor the inventory, which may belong to the run that"
                + " holds the lock now. Run apply again to complete the work", failure);
    }

    /** The run's failure once the target reported the lock lost: remembered, so no later write is tried. */
    GitopsException lockLost(LockLostException e) {
        lost = e;
        return new GitopsException("cannot confirm the lock on the target (" + e.getMessage() + "); stopped"
                + " without writing more, nor the inventory, which may belong to the run that holds the lock now."
                + " Run apply again to complete the work", e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitopsException("interrupted while waiting for the target lock");
        }
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
