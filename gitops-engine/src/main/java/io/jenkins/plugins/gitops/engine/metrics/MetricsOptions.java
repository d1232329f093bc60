package io.jenkins.plugins.gitops.engine.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which period the figures cover, [{@code since}, {@code until}), and how long after a deployment a rollback or a fix
 * still counts it as failed.
 */
public record MetricsOptions(Instant since, Instant until, Duration failureWindow) {
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofHours(24);

    public MetricsOptions {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(failureWindow, "failureWindow");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("the period must end after it starts (since " + since + ", until "
                    + until + ")");
        }
        if (failureWindow.isNegative()) {
            throw new IllegalArgumentException("the failure window must not be negative, got " + failureWindow);
        }
    }

    /** The defaults: the {@link #DEFAULT_PERIOD} up to {@code now}, the {@link #DEFAULT_FAILURE_WINDOW}. */
    public static MetricsOptions endingAt(Instant now) {
        return new MetricsOptions(now.minus(DEFAULT_PERIOD), now, DEFAULT_FAILURE_WINDOW);
    }

    boolean covers(Instant t) {
        return !t.isBefore(since) && t.isBefore(until);
    }

    double days() {
        return Duration.between(since, until).toSeconds() / 86_400.0;
    }
}
