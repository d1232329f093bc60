package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.target.Target;
import io.jenkins.plugins.gitops.engine.target.TargetLock;
import io.jenkins.plugins.gitops.engine.target.TargetLockedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds a target's lock for the length of an apply: waits for another holder up to a limit, warns when it
 * takes over a lock whose holder died, and renews the lease in the background so a long apply keeps it.
 * If renewal fails the apply must stop before its next wave: {@link #check()} says so.
 */
final class LockKeeper implements AutoCloseable {
    private final TargetLock lock;
    private final ScheduledExecutorService renewer;
    private volatile RuntimeException lost;

    private LockKeeper(TargetLock lock, Duration lease) {
        this.lock = lock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gitops-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
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
                return new LockKeeper(lock, options.lease());
            } catch (TargetLockedException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw e;
                }
                sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
            }
        }
    }

    /** Who we are, as other runs will see it in the lock. */
    static String holder(String user) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return user + "@" + host + " (pid " + ProcessHandle.current().pid() + ")";
    }

    private void renew() {
        try {
            lock.renew();
        } catch (RuntimeException e) {
            lost = e;
        }
    }

    void check() {
        if (lost != null) {
            throw new GitopsException("lost the lock on the target while applying (" + lost.getMessage()
                    + "); stopped before the next wave. Run apply again to complete it", lost);
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

    @Override
    public void close() {
        renewer.shutdownNow();
        lock.close();
    }
}
