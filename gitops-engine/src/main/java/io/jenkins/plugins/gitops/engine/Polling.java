package io.jenkins.plugins.gitops.engine;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one wait loop of the engine: probe, and probe again after a pause until the result is good enough or the
 * time is up. Depends on nothing else in the engine, so every layer can use it.
 */
public final class Polling {
    private Polling() {
    }

    /**
     * Probes until {@code done} accepts the result or {@code timeout} has passed, and returns the last result;
     * the caller tells a timeout from {@code done} again. A zero timeout probes once. The pause between probes
     * is {@code interval}, shortened so that the last probe happens at the deadline rather than after it.
     *
     * @throws InterruptedException when interrupted while pausing; the caller words the failure
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration timeout, Duration interval)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = probe.get();
            long left = deadline - System.nanoTime();
            if (done.test(result) || left <= 0) {
                return result;
            }
            Thread.sleep(Math.max(1, Math.min(interval.toMillis(), (left + 999_999) / 1_000_000)));
        }
    }

    /** A timeout as people read it: {@code 400 ms}, {@code 30 s}, {@code 2 min}, {@code 1 min 30 s}. */
    public static String describe(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        long millis = duration.toMillisPart();
        if (seconds < 60) {
            return millis == 0 ? seconds + " s" : String.format(java.util.Locale.ROOT, "%.1f s", seconds + millis / 1000.0);
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
