package io.jenkins.plugins.gitops.engine.targets;

import java.util.Optional;

/** A held target lock. Closing releases it; a long apply renews it before the lease runs out. */
public interface TargetLock extends AutoCloseable {
    LockRecord record();

    /** The expired lock this one replaced, so the caller can warn about the run that died holding it. */
    Optional<LockRecord> tookOverFrom();

    /** Extends the lease by its full length from now. */
    void renew();

    @Override
    void close();
}
