package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a target holds, one at a time. {@link #apply} and {@link #delete} are called from several threads
 * at once and must be thread-safe.
 */
public interface ObjectStore {

    /** The live objects of those ids that exist; absent ids are left out of the map. */
    Map<ResourceId, LiveObject> read(Collection<ResourceId> ids);

    /** Creates or updates one object so that it matches the desired body; returns the object as now stored. */
    LiveObject apply(Resource resource);

    /**
     * Runs a run-once hook ({@link ResourceId#hasGeneratedName()}): creates a new object from the body, under a name
     * the store picks from its {@code metadata.generateName}, and returns that name. Nothing of it is owned or
     * compared later. A store where nothing would run it (a directory, a Git branch: no controller starts a Job
     * there) writes nothing and returns empty; the plan and the apply's output still show the run.
     */
    default Optional<String> run(Resource resource) {
        return Optional.empty();
    }

    /** Deletes one object; deleting an object that is already gone is not an error. */
    void delete(ResourceId id);

    /**
     * Makes durable what the store remembers about its own writes (the directory target's index of the files
     * it wrote). The engine calls it after each wave of writes; a store that remembers nothing does nothing.
     */
    default void flush() {
    }
}
