package io.jenkins.plugins.gitops.engine.metrics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A time the environment needed restoring.
 *
 * @param start      the failed apply or failed verify that began it
 * @param cause      {@code FAILED} (an apply), {@code DRIFT} or {@code UNHEALTHY} (a verify)
 * @param commit     the commit applied or verified when it began
 * @param restoredAt the next successful apply or clean verify, null while still open
 * @param restoredBy {@code APPLY} or {@code VERIFY}, null while still open
 * @param seconds    from start to restore, null while still open
 */
public record Incident(Instant start, String cause, String commit, @Nullable Instant restoredAt,
        @Nullable String restoredBy, @Nullable Long seconds) {
    public boolean restored() {
        return restoredAt != null;
    }
}
