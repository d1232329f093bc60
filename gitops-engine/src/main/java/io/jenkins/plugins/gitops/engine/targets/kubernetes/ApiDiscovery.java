package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which version of a group serves a kind, under which plural, namespaced or not, from the API server's
 * discovery documents ({@code /api/v1}, {@code /apis}, {@code /apis/<group>/<version>}). A {@code ResourceId}
 * carries no version, and guessing plurals fails for custom resources. Cached per group; a kind missing from
 * the cache re-reads its group once, so a CRD installed meanwhile is found.
 */
final class ApiDiscovery {
    private final KubernetesClient client;
    private final KubernetesErrors errors;
    private final Map<String, Map<String, ServedKind>> byGroup = new ConcurrentHashMap<>();

    ApiDiscovery(KubernetesClient client, KubernetesErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    ServedKind resolve(String group, String kind) {
        return find(group, kind).orElseThrow(() -> new TargetException("kind " + kind + " in group "
                + (group.isEmpty() ? "core (\"\")" : group) + " is not served by the cluster at "
                + errors.serverUrl() + " (is its CRD installed?)"));
    }

    Optional<ServedKind> find(String group, String kind) {
        ServedKind served = kinds(group).get(kind);
        if (served == null) {
            byGroup.remove(group);
            served = kinds(group).get(kind);
        }
        return Optional.ofNullable(served);
    }

    /** Forget everything: a CRD was applied, so a group may serve new kinds or versions. */
    void invalidate() {
        byGroup.clear();
    }

    private Map<String, ServedKind> kinds(String group) {
        return byGroup.computeIfAbsent(group, this::fetch);
    }

    private Map<String, ServedKind> fetch(String group) {
        Map<String, ServedKind> kinds = new HashMap<>();
        // Preferred version first: the first version to serve a kind wins.
        for (String version : versions(group)) {
            String groupVersion = group.isEmpty() ? version : group + "/" + version;
            APIResourceList list = errors.call("discover", "API group version " + groupVersion, "",
                    () -> client.getApiResources(groupVersion));
            if (list == null || list.getResources() == null) {
                continue;
            }
            for (APIResource r : list.getResources()) {
                if (!r.getName().contains("/")) { // "deployments/status" is a subresource
                    kinds.putIfAbsent(r.getKind(), new ServedKind(group, version, r.getKind(), r.getName(),
                            Boolean.TRUE.equals(r.getNamespaced())));
                }
            }
        }
        return Map.copyOf(kinds);
    }

    private List<String> versions(String group) {
        if (group.isEmpty()) {
            return List.of("v1");
        }
        APIGroupList groups = errors.call("discover", "API groups", "", client::getApiGroups);
        List<String> versions = new ArrayList<>();
        for (APIGroup g : groups == null || groups.getGroups() == null ? List.<APIGroup>of() : groups.getGroups()) {
            if (group.equals(g.getName())) {
                if (g.getPreferredVersion() != null) {
                    versions.add(g.getPreferredVersion().getVersion());
                }
                for (GroupVersionForDiscovery v : g.getVersions()) {
                    if (!versions.contains(v.getVersion())) {
                        versions.add(v.getVersion());
                    }
                }
            }
        }
        return versions;
    }
}
