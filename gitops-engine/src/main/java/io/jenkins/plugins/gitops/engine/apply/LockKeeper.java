package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.target.Target;
import io.jenkins.plugins.gitops.engine.target.TargetLock;
import io.jenkins.plugins.gitops.engine.target.TargetLockedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds a target's lock for the length of an apply: waits for another holder up to a limit, warns when it
 * takes over a lock whose holder died, and renews the lease in the background so a long apply keeps it.
 * Before each wave and before the inventory is written, {@link #confirm()} renews synchronously, which the
 * target refuses if another run took the lock over (after a pause longer than the lease, say): the apply then
 * stops instead of writing over the other run's work.
 */
final class LockKeeper implements AutoCloseable {
    private final TargetLock lock;
    private final ScheduledExecutorService renewer;
    private volatile RuntimeException lost;

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
        long deadline = System.nanoTime() + options.lockWait().toNanos();
        while (true) {
            try {
                TargetLock lock = target.lock(holder, options.lease());
                lock.tookOverFrom().ifPresent(old -> progress.warn("took over the lock of " + old.holder()
                        + " on " + target.identity() + ": its lease ran out at " + old.expiresAt()
                        + " (that run probably died; its changes may be partial and this apply completes them)"));
                return new LockKeeper(lock, options.lease().toMillis());
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

    private void renew() {
        try {
            lock.renew();
        } catch (RuntimeException e) {
            lost = e;
        }
    }

    /** Renews now and fails if the lock is no longer ours. */
    void confirm() {
        if (lost == null) {
            renew();
        }
        if (lost != null) {
            throw new GitopsException("lost the lock on the target while applying (" + lost.getMessage()
                    + "); stopped, and left the inventory to the run that holds the lock now. Run apply again to"
                    + " complete the work", lost);
        }
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
