package io.jenkins.plugins.gitops.engine.api;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * DORA's four keys for the environment: its target's history, and the commit times of {@code source}'s repository
 * ({@code source.path()} names the Kubernetes inventory; the ref is not used: each applied revision names its commit).
 * {@code since} and {@code until} may be null: then the 30 days up to now; {@code failureWindow} null is 24 hours.
 */
public record MetricsRequest(Source source, TargetSpec target, @Nullable Instant since, @Nullable Instant until,
        @Nullable Duration failureWindow) {
}
