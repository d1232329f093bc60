package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Where desired state is applied. Deliberately small: the engine does ordering, parallelism, prune,
 * locking policy, inventory bookkeeping and the plan file once for every target; a target only reads,
 * writes and deletes single objects and keeps three records (inventory with history, and the lock).
 *
 * <p>{@link #apply} and {@link #delete} are called from several threads at once and must be thread-safe.
 */
public interface Target extends AutoCloseable {

    /** Stable identity written into plans, e.g. {@code dir:/srv/env} or the API server URL, context and inventory. */
    String identity();

    /** The live objects of those ids that exist; absent ids are left out of the map. */
    Map<ResourceId, LiveObject> read(Collection<ResourceId> ids);

    /**
     * The live objects of desired resources, read as their manifests describe them: a cluster serves an object
     * at several API versions, and comparing it at the manifest's version avoids differences that are only
     * conversions.
     */
    default Map<ResourceId, LiveObject> readDesired(Collection<Resource> resources) {
        return read(resources.stream().map(Resource::id).toList());
    }

    /** Creates or updates one object so that it matches the desired body; returns the object as now stored. */
    LiveObject apply(Resource resource);

    /** Deletes one object; deleting an object that is already gone is not an error. */
    void delete(ResourceId id);

    Inventory readInventory();

    /** Replaces the inventory record; a reader never sees a half-written record. */
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
     * How live objects compare to desired ones. A target that fills in defaults (an API server) compares only
     * the fields the manifest sets; a target that stores exactly what it was given compares whole objects.
     */
    default DiffScope diffScope() {
        return DiffScope.WHOLE_OBJECT;
    }

    /**
     * What the target would store if each resource were applied now, found without storing anything (a
     * server-side dry run), keyed by resource id. A resource the target cannot preview (the server does not
     * support dry runs for its kind) is left out; the planner compares it client-side instead. The default
     * previews nothing. The planner only asks targets whose scope is {@link DiffScope#DESIRED_FIELDS}: one
     * that stores exactly what it is given would preview the manifest itself.
     */
    default Map<ResourceId, Map<String, Object>> preview(Collection<Resource> resources) {
        return Map.of();
    }

    /**
     * Whether applying {@code desired} over {@code live} may change fields the desired body does not set (a
     * cluster removes the fields its field manager set before and no longer sets), so that comparing the fields
     * it sets cannot tell the apply would change nothing. The planner dry-runs only objects whose comparison
     * shows a change or for which this is true. The default: always, the safe answer.
     */
    default boolean applyMayChangeMoreThanItSets(LiveObject live, Resource desired) {
        return true;
    }

    /**
     * The one id under which this target stores the object {@code id} names. A cluster puts a namespaced
     * object that names no namespace into the default namespace and ignores a namespace on a cluster-scoped
     * one; plans, prune and the inventory compare canonical ids, so one object never has two ids.
     */
    default ResourceId canonical(ResourceId id) {
        return id;
    }

    /**
     * Whether this target can hold objects of this kind now. A cluster serves only the kinds whose API or
     * CRD is installed; the engine accepts an unserved kind only when the desired state defines its CRD.
     */
    default boolean serves(String group, String kind) {
        return true;
    }

    /**
     * Whether controllers write status into this target's objects, so that health (rolled out, bound, ready)
     * can be judged from them. A directory holds no status: there is nothing to wait for.
     */
    default boolean observesHealth() {
        return false;
    }

    @Override
    default void close() {
    }
}
