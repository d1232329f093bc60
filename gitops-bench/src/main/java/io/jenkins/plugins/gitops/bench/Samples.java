package io.jenkins.plugins.gitops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Wall-clock times of the measured runs of one benchmark, in milliseconds. */
record Samples(List<Double> millis) {
    Samples {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("at least one run");
        }
        millis = millis.stream().sorted().toList();
    }

    double min() {
        return millis.get(0);
    }

    double median() {
        int n = millis.size();
        return n % 2 == 1 ? millis.get(n / 2) : (millis.get(n / 2 - 1) + millis.get(n / 2)) / 2;
    }

    /**
     * Runs {@code work} {@code warmup} times unmeasured (JIT, caches), then {@code runs} times measured.
     * Each result is handed to {@code sink} so the JIT cannot drop the work.
     */
    static <T> Samples measure(int warmup, int runs, Supplier<T> work, Consumer<T> sink) {
        return timed(warmup, runs, () -> {
            long start = System.nanoTime();
            T result = work.get();
            double millis = (System.nanoTime() - start) / 1e6;
            sink.accept(result);
            return millis;
        });
    }

    /** Like {@link #measure}, for work that times its own measured part (set-up excluded) in milliseconds. */
    static Samples timed(int warmup, int runs, DoubleSupplier timedWork) {
        for (int i = 0; i < warmup; i++) {
            double unused = timedWork.getAsDouble(); // a warm-up's time is not a sample
        }
        List<Double> times = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            times.add(timedWork.getAsDouble());
        }
        return new Samples(times);
    }
}
