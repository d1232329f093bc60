package io.jenkins.plugins.gitops.engine.api;

import java.time.Duration;

/**
 * Whether to wait for the resources to be healthy, and how long. Apply without a wait does not look at health;
 * verify without one checks health once.
 */
public record Wait(boolean enabled, Duration timeout) {
    public static final Wait NONE = new Wait(false, Duration.ZERO);

    public Wait {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a wait cannot be negative");
        }
    }

    public static Wait upTo(Duration timeout) {
        return new Wait(true, timeout);
    }
}
