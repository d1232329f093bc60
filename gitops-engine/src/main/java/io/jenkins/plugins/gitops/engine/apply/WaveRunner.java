package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ProgressCounter;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs the writes of an apply wave by wave, a wave's members in parallel on a bounded pool. After a wave with
 * a failure, later waves are skipped. An interrupt (an aborted build) skips what has not started and waits for
 * what has, so every outcome is known before the inventory is recorded and the lock released.
 */
final class WaveRunner implements AutoCloseable {
    /** Told of each wave before it starts and after it ends. */
    interface WaveListener {
        /** Runs before the wave's first write; if it throws, the wave fails with its message and is not run. */
        void beforeWave(List<Change> wave);

        void afterWave(List<Outcome> done);
    }

    private final ExecutorService pool;
    private final Progress progress;
    private final LockKeeper lock;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean interrupted = new AtomicBoolean();

    WaveRunner(int parallelism, Progress progress, LockKeeper lock) {
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "gitops-apply");
            t.setDaemon(true);
            return t;
        });
        this.progress = progress;
        this.lock = lock;
    }

    /** Records the outcome of a change that is not run (unchanged, or a prune that is skipped). */
    void record(Change c, Outcome.Status status) {
        outcomes.add(new Outcome(c.id(), c.action(), status, null));
    }

    /** Confirms the lock is still ours; an interrupt that arrives meanwhile is remembered. */
    void confirmLock() {
        lock.confirm(interrupted);
    }

    /** Whether an interrupt arrived while waves ran. */
    boolean interrupted() {
        return interrupted.get();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /**
     * Runs the waves in order; true if every change succeeded. {@code work} returns the name a target gave a
     * run-once hook it created, if any.
     */
    boolean run(List<List<Change>> waves, Function<Change, Optional<String>> work, String phase,
            WaveListener listener) {
        int total = waves.stream().mapToInt(List::size).sum();
        ProgressCounter counter = new ProgressCounter(progress, phase, total);
        boolean ok = true;
        for (List<Change> wave : waves) {
            if (!ok || interrupted.get()) {
                ok = false;
                wave.forEach(c -> record(c, Outcome.Status.SKIPPED));
                continue;
            }
            lock.confirmBeforeWave(interrupted);
            try {
                listener.beforeWave(wave);
            } catch (RuntimeException e) {
                ok = false;
                String why = "not written: " + message(e);
                wave.forEach(c -> outcomes.add(new Outcome(c.id(), c.action(), Outcome.Status.FAILED, why)));
                continue;
            }
            List<Future<Outcome>> futures = new ArrayList<>(wave.size());
            for (Change c : wave) {
                futures.add(pool.submit(() -> runOne(c, work, counter)));
            }
            List<Outcome> done = new ArrayList<>(wave.size());
            for (Future<Outcome> f : futures) {
                Outcome outcome;
                try {
                    outcome = join(f);
                } catch (IllegalStateException e) {
                    // An Error in one task must not end the apply while the others still write: the caller would
                    // release the lock and record the inventory with writes in flight.
                    futures.forEach(this::awaitQuietly);
                    throw e;
                }
                done.add(outcome);
                ok &= outcome.status() == Outcome.Status.DONE;
            }
            outcomes.addAll(done);
            listener.afterWave(done);
        }
        return ok;
    }

    private Outcome runOne(Change c, Function<Change, Optional<String>> work, ProgressCounter counter) {
        if (interrupted.get()) {
            return new Outcome(c.id(), c.action(), Outcome.Status.SKIPPED, null);
        }
        Outcome outcome;
        try {
            lock.checkLease();
            outcome = new Outcome(c.id(), c.action(), Outcome.Status.DONE, null, null, work.apply(c).orElse(null));
        } catch (RuntimeException e) {
            outcome = Outcome.failed(c, describe(c.id(), e),
                    e instanceof GitopsException g ? g.remedy().orElse(null) : null);
        }
        counter.step();
        return outcome;
    }

    /**
     * The task's outcome, waiting for it even when interrupted: a task that starts after the interrupt skips
     * itself, one already writing finishes, so its outcome is true.
     */
    private Outcome join(Future<Outcome> f) {
        while (true) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                interrupted.set(true);
            } catch (ExecutionException e) {
                throw new IllegalStateException("apply tasks catch their own failures", e.getCause());
            }
        }
    }

    private void awaitQuietly(Future<Outcome> f) {
        try {
            join(f);
        } catch (IllegalStateException e) {
            // the first failure is the one reported
        }
    }

    private static String describe(ResourceId id, RuntimeException e) {
        return e instanceof GitopsException ? message(e) : id + ": " + message(e);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (interrupted.get()) {
            Thread.currentThread().interrupt(); // the caller (an aborted build) still learns of it
        }
    }
}
