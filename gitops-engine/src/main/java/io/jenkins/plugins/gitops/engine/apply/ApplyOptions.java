package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.targets.Inventory;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How an apply runs. {@code lockWait} is how long to wait for another run's lock before failing;
 * {@code lease} how long our lock stays valid if this process dies (it is renewed while we run).
 * {@code buildUrl} may be null. {@code historyLimit} is how many entries the target's history keeps.
 * {@code allowEmpty} lets a desired state with no resources prune everything (CLI {@code --allow-empty},
 * Pipeline step parameter {@code allowEmpty}); without it such an apply is refused.
 */
public record ApplyOptions(int parallelism, Duration lease, Duration lockWait, String user, @Nullable String buildUrl,
        int historyLimit, boolean allowEmpty) {
    public static final int DEFAULT_PARALLELISM = 16;
    /**
     * How long the lock outlives a killed run unless told ({@code --lock-lease}), ISO-8601 as front ends write it: a
     * constant, so that option annotations and forms can show it.
     */
    public static final String DEFAULT_LEASE = "PT5M";
    /** How long to wait for another run's lock unless told ({@code --lock-wait}, {@code lockWait}): not at all. */
    public static final String DEFAULT_LOCK_WAIT = "PT0S";

    public ApplyOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    public static ApplyOptions defaults(String user) {
        return new ApplyOptions(DEFAULT_PARALLELISM, Duration.parse(DEFAULT_LEASE), Duration.parse(DEFAULT_LOCK_WAIT),
                user, null, Inventory.DEFAULT_HISTORY_LIMIT, false);
    }

    public ApplyOptions withParallelism(int n) {
        return new ApplyOptions(n, lease, lockWait, user, buildUrl, historyLimit, allowEmpty);
    }

    public ApplyOptions withLockWait(Duration wait) {
        return new ApplyOptions(parallelism, lease, wait, user, buildUrl, historyLimit, allowEmpty);
    }

    public ApplyOptions withLease(Duration newLease) {
        return new ApplyOptions(parallelism, newLease, lockWait, user, buildUrl, historyLimit, allowEmpty);
    }

    public ApplyOptions withBuildUrl(String url) {
        return new ApplyOptions(parallelism, lease, lockWait, user, url, historyLimit, allowEmpty);
    }

    public ApplyOptions withAllowEmpty(boolean allow) {
        return new ApplyOptions(parallelism, lease, lockWait, user, buildUrl, historyLimit, allow);
    }
}
