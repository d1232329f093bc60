package io.jenkins.plugins.gitops.engine.api;

import java.time.Duration;

/**
 * Whether to wait for the resources to be healthy, and how long. Apply without a wait does not look at health;
 * verify without one checks health once.
 */
public record Wait(boolean enabled, Duration timeout) {
    /**
     * How long a wait lasts when its front end is given no timeout (ISO-8601, as the command line's {@code --timeout}
     * and the step parameter {@code timeout} are written; a constant, so that option annotations and forms can show it).
     */
    public static final String DEFAULT_TIMEOUT = "PT5M";
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
