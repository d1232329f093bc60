package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes what the server manages, so that only what a manifest author could have written is compared,
 * then removes what the user's ignore rules name.
 */
public final class Normalizer {
    private static final List<String> SERVER_METADATA = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");
    private static final List<String> SERVER_ANNOTATIONS = List.of(
            // Holds the whole previous manifest, Secret values included.
            "kubectl.kubernetes.io/last-applied-configuration",
            "deployment.kubernetes.io/revision");

    private final List<Selected> rules;

    public Normalizer(List<IgnoreRule> rules) {
        this.rules = rules.stream().map(r -> new Selected(r, r.pointers())).toList();
    }

    /** A normalized mutable copy; {@code body} is not changed. */
    public Map<String, Object> normalize(ResourceId id, Map<String, ?> body) {
        Map<String, Object> tree = Documents.mutableCopy(withoutServerFields(body));
        for (Selected rule : rules) {
            if (rule.rule().matches(id)) {
                rule.pointers().forEach(p -> p.removeFrom(tree));
            }
        }
        // After the ignore rules, which may have emptied them too.
        Documents.metadata(tree).ifPresent(metadata -> {
            dropIfEmpty(metadata, "annotations");
            dropIfEmpty(metadata, "labels");
        });
        return tree;
    }

    /**
     * {@code body} without its status and the server's metadata and annotations, copying only the maps that hold
     * them, so that the deep copy never copies what it would remove: a live object's managedFields and status can
     * be as large as the rest of it.
     */
    private static Map<String, Object> withoutServerFields(Map<String, ?> body) {
        Map<String, Object> top = new LinkedHashMap<>(body);
        top.remove("status");
        if (top.get("metadata") instanceof Map<?, ?> metadata) {
            Map<Object, Object> m = new LinkedHashMap<>(metadata);
            SERVER_METADATA.forEach(m::remove);
            if (m.get("annotations") instanceof Map<?, ?> annotations) {
                Map<Object, Object> a = new LinkedHashMap<>(annotations);
                SERVER_ANNOTATIONS.forEach(a::remove);
                m.put("annotations", a);
            }
            top.put("metadata", m);
        }
        return top;
    }

    private static void dropIfEmpty(Map<String, Object> metadata, String key) {
        if (metadata.get(key) instanceof Map<?, ?> map && map.isEmpty()) {
            metadata.remove(key);
        }
    }

    private record Selected(IgnoreRule rule, List<JsonPointer> pointers) {
    }
}
