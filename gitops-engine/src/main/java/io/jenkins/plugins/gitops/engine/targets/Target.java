package io.jenkins.plugins.gitops.engine.targets;

import java.util.Optional;

/**
 * Where desired state is applied: an {@link ObjectStore} that keeps the engine's {@link TargetRecords}, with
 * its {@link Capabilities} and, for an API server only, the {@link ApiServer} part; a target that records who
 * changed it offers its {@link ChangeHistory}. Deliberately small: the engine does ordering, parallelism, prune,
 * locking policy, inventory bookkeeping and the plan file once for every target.
 */
public interface Target extends ObjectStore, TargetRecords, AutoCloseable {

    /** Stable identity written into plans, e.g. {@code dir:/srv/env} or the API server URL, context and inventory. */
    String identity();

    default Capabilities capabilities() {
        return Capabilities.PLAIN_STORE;
    }

    /** The API server's own semantics, if the target is one; a plain store has none. */
    default Optional<ApiServer> apiServer() {
        return Optional.empty();
    }

    /** Who changed the target outside the engine, if the target records it (a Git branch does); most do not. */
    default Optional<ChangeHistory> changeHistory() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
