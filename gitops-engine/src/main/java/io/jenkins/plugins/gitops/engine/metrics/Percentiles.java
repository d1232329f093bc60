package io.jenkins.plugins.gitops.engine.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Median and 90th percentile by the nearest-rank method: the smallest measured value that at least that share of
 * the values does not exceed. Always a value that was measured (no interpolation), and null when there is none.
 */
final class Percentiles {
    private Percentiles() {
    }

    static Long median(List<Duration> values) {
        return rank(values, 0.5);
    }

    static Long p90(List<Duration> values) {
        return rank(values, 0.9);
    }

    private static Long rank(List<Duration> values, double share) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().map(Duration::toSeconds).sorted().toList();
        int rank = (int) Math.ceil(share * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
