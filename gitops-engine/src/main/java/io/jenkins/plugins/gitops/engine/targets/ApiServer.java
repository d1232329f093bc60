package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What only a target that is an API server does: it serves some kinds, at several versions, puts objects into
 * a default namespace, and can dry-run an apply. A target offers it through {@link Target#apiServer()}.
 */
public interface ApiServer {

    /**
     * The live objects of desired resources, read as their manifests describe them: a cluster serves an object
     * at several API versions, and comparing it at the manifest's version avoids differences that are only
     * conversions.
     */
    Map<ResourceId, LiveObject> readDesired(Collection<Resource> resources);

    /**
     * What the server would store if each resource were applied now, found without storing anything (a
     * server-side dry run), keyed by resource id. A resource the server cannot preview (it does not support
     * dry runs for its kind) is left out; the planner compares it client-side instead.
     */
    Map<ResourceId, Map<String, Object>> preview(Collection<Resource> resources);

    /**
     * The one id under which the server stores the object {@code id} names: a namespaced object that names no
     * namespace goes into the default namespace, a namespace on a cluster-scoped one is ignored. Plans, prune
     * and the inventory compare canonical ids, so one object never has two ids.
     */
    ResourceId canonical(ResourceId id);

    /**
     * Whether the server holds objects of this kind now (its API or CRD is installed); the engine accepts an
     * unserved kind only when the desired state defines its CRD.
     */
    boolean serves(String group, String kind);

    /**
     * Whether applying {@code desired} over {@code live} may change fields the desired body does not set (a
     * server removes the fields its field manager set before and no longer sets), so that comparing the fields
     * it sets cannot tell the apply would change nothing. The planner dry-runs only objects whose comparison
     * shows a change or for which this is true. The default: always, the safe answer.
     */
    default boolean applyMayChangeMoreThanItSets(LiveObject live, Resource desired) {
        return true;
    }

    /**
     * The server-side apply field manager the target applies as: an apply removes the fields it owns that a
     * manifest no longer sets, so the client diff shows those removals. Empty: the target applies as no manager.
     */
    default Optional<String> fieldManager() {
        return Optional.empty();
    }

    /**
     * The server's OpenAPI v3 document of a group-version ({@code monitoring.coreos.com/v1}), whose schemas give
     * custom resources' list types and keys to the client diff. Empty where the server publishes none or the
     * credentials may not read it: the diff then does without. Read once per group-version and cached.
     */
    default Optional<Map<String, Object>> openApiDocument(String groupVersion) {
        return Optional.empty();
    }
}
