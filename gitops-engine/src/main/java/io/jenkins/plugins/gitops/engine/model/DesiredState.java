package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rendered desired state of one environment at one commit: resources sorted by id, and the SHA-256
 * of their canonical form. The digest pins what a plan was made from; apply re-renders and compares it.
 * {@code renderedBy} names the tools whose version can change the output, as the plan shows them (the Helm that
 * rendered its charts); it is not part of the digest, so that agents with another Helm that renders the same objects
 * agree on the state.
 */
public record DesiredState(List<Resource> resources, String digest, List<String> renderedBy) {
    public DesiredState {
        resources = sorted(resources);
        renderedBy = renderedBy == null ? List.of() : List.copyOf(renderedBy);
    }

    /** Builds the state and its digest from resources in any order. */
    public static DesiredState of(List<Resource> resources) {
        List<Resource> sorted = sorted(resources);
        return new DesiredState(sorted, Canonical.digest(sorted), List.of());
    }

    /** The same state, rendered by {@code tools}. */
    public DesiredState withRenderedBy(List<String> tools) {
        return new DesiredState(resources, digest, tools);
    }

    /** In id order; a list already in order (as {@link #of} passes it on) is not sorted again. */
    private static List<Resource> sorted(List<Resource> resources) {
        for (int i = 1; i < resources.size(); i++) {
            if (resources.get(i - 1).id().compareTo(resources.get(i).id()) > 0) {
                return resources.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
            }
        }
        return List.copyOf(resources);
    }

    public Map<ResourceId, Resource> byId() {
        return resources.stream().collect(Collectors.toMap(Resource::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    public Optional<Resource> find(ResourceId id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
