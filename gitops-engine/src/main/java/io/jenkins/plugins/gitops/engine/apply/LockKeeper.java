package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Polling;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.targets.LockLostException;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
 * first, and a lock taken over meanwhile stops the run. Before the inventory is written, {@link #confirm}
 * renews synchronously as well, and so does {@link #confirmBeforeWave} unless a renewal succeeded in the last
 * second: a lock taken away other than by expiry (a lease deleted by hand) stops the run before the first wave
 * that starts a second or more after the last renewal, and the waves of a fast apply do not each wait for a round
 * trip to the target.
 */
final class LockKeeper implements AutoCloseable {
    private static final Logger LOG = System.getLogger(LockKeeper.class.getName());
    private static final int CONFIRM_ATTEMPTS = 3;
    private static final long CONFIRM_BACKOFF_MILLIS = 200;
    private static final Duration LOCK_RETRY = Duration.ofMillis(500);
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TargetLock lock;
    private final ScheduledExecutorService renewer;
    private final LongSupplier nanoTime;
    private final long safeNanos;
    private volatile long safeUntil;
    /** When the last successful renewal (or the lock's acquisition) was sent. */
    private volatile long renewedAt;
    private volatile LockLostException lost;

    private LockKeeper(TargetLock lock, long leaseNanos, LongSupplier nanoTime, long takenAt) {
        this.lock = lock;
        this.nanoTime = nanoTime;
        this.safeNanos = leaseNanos / 2;
        this.safeUntil = takenAt + safeNanos;
        this.renewedAt = takenAt;
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
        AtomicReference<TargetLockedException> refused = new AtomicReference<>();
        Taken taken;
        try {
            taken = Polling.until(() -> {
                long at = nanoTime.getAsLong();
                try {
                    return new Taken(target.lock(holder, options.lease()), at);
                } catch (TargetLockedException e) {
                    refused.set(e);
                    return null;
                }
            }, Objects::nonNull, options.lockWait(), LOCK_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitopsException("interrupted while waiting for the target lock");
        }
        if (taken == null) {
            throw refused.get();
        }
        taken.lock().tookOverFrom().ifPresent(old -> progress.warn("took over the lock of " + old.holder()
                + " on " + target.identity() + ": its lease ran out at " + old.expiresAt()
                + " (that run probably died; its changes may be partial and this apply completes them)"));
        LOG.log(Level.DEBUG, () -> "took the lock on " + target.identity() + " as " + taken.lock().record().holder()
                + " until " + taken.lock().record().expiresAt());
        return new LockKeeper(taken.lock(), options.lease().toNanos(), nanoTime, taken.at());
    }

    /** A lock and when it was asked for (the lease counts from there). */
    private record Taken(TargetLock lock, long at) {
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
            LOG.log(Level.DEBUG, () -> "background renewal of the target lock failed; the next write's check decides",
                    e);
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
        renewedAt = Math.max(renewedAt, sentAt);
        LOG.log(Level.DEBUG, () -> "renewed the target lock of " + lock.record().holder() + " until "
                + lock.record().expiresAt());
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
                int tried = attempt + 1;
                LOG.log(Level.DEBUG, () -> "renewal " + tried + " of " + CONFIRM_ATTEMPTS + " of the target lock failed",
                        e);
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

    /** {@link #confirm}, unless a renewal succeeded in the last second; a pending interrupt is taken either way. */
    void confirmBeforeWave(AtomicBoolean interrupted) {
        if (lost == null && nanoTime.getAsLong() - renewedAt < RECENT_NANOS) {
            if (Thread.interrupted()) {
                interrupted.set(true);
            }
            return;
        }
        confirm(interrupted);
    }

    /** The run's failure once the target reported the lock lost: remembered, so no later write is tried. */
    GitopsException lockLost(LockLostException e) {
        lost = e;
        return new GitopsException("cannot confirm the lock on the target (" + e.getMessage() + "); stopped"
                + " without writing more, nor the inventory, which may belong to the run that holds the lock now."
                + " Run apply again to complete the work", e);
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
