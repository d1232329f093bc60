package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live objects a plan compares, and that its apply checks again: the desired ones read as their manifests
 * describe them (an API server reads them at the manifest's version, and lists a kind across namespaces narrowed
 * by the labels the manifests share), the others (what only the inventory names) by id. The apply must read the
 * way the plan did, or a check of 10,000 objects costs a LIST per kind and namespace where the plan needed a few.
 */
public final class LiveReads {
    private LiveReads() {
    }

    /**
     * Absent objects are left out; {@code others} must not name a desired resource. Run-once hooks
     * ({@link ResourceId#hasGeneratedName()}) are not read: each apply creates a new object, so none is theirs.
     */
    public static Map<ResourceId, LiveObject> of(Target target, Map<ResourceId, Resource> desired,
            Collection<ResourceId> others) {
        List<Resource> named = desired.values().stream().filter(r -> !r.id().hasGeneratedName()).toList();
        Map<ResourceId, LiveObject> live = new HashMap<>(target.apiServer()
                .map(server -> server.readDesired(named))
                .orElseGet(() -> target.read(named.stream().map(Resource::id).toList())));
        List<ResourceId> otherNamed = others.stream().filter(id -> !id.hasGeneratedName()).toList();
        if (!otherNamed.isEmpty()) {
            live.putAll(target.read(otherNamed));
        }
        return live;
    }
}
