package io.jenkins.plugins.gitops.engine.targets;

import java.time.Instant;
import java.util.Objects;

/** Who holds a target's lock, since when, and until when the lease runs unless renewed. */
public record LockRecord(String holder, Instant acquiredAt, Instant expiresAt) {
    public LockRecord {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
