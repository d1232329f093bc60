package io.jenkins.plugins.gitops.engine.targets;

import java.time.Duration;
import java.util.Optional;

/** The engine's own records in a target: the inventory with the history, and the lock. */
public interface TargetRecords {

    Inventory readInventory();

    /**
     * Replaces the inventory record, and nothing else, except on a store that {@linkplain
     * Capabilities#stagesWrites() stages writes}, where it lands them; a reader never sees a half-written record.
     */
    void writeInventory(Inventory inventory);

    /**
     * Fails, before anything is applied, if this inventory could not be written (a record over the target's
     * size limit): objects created by an apply whose inventory cannot be recorded could never be pruned.
     */
    default void checkInventory(Inventory inventory) {
    }

    /**
     * Takes the target's lock for {@code holder}, valid for {@code lease} unless renewed. A lock whose lease
     * has run out is taken over (the returned lock says so in {@link TargetLock#tookOverFrom()}).
     *
     * @throws TargetLockedException when another holder's lease is still valid
     */
    TargetLock lock(String holder, Duration lease);

    /**
     * A random key kept in the target, as protected as its Secrets, if it has one: digests of Secret content
     * that leave the process are made with it ({@link io.jenkins.plugins.gitops.engine.model.StateDigest}).
     * Reading it creates nothing.
     */
    default Optional<byte[]> digestKey() {
        return Optional.empty();
    }
}
