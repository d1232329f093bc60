package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
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
        Map<String, Object> tree = Documents.mutableCopy(body);
        tree.remove("status");
        Documents.metadata(tree).ifPresent(metadata -> {
            SERVER_METADATA.forEach(metadata::remove);
            Documents.map(metadata, "annotations").ifPresent(a -> SERVER_ANNOTATIONS.forEach(a::remove));
        });
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

    private static void dropIfEmpty(Map<String, Object> metadata, String key) {
        if (metadata.get(key) instanceof Map<?, ?> map && map.isEmpty()) {
            metadata.remove(key);
        }
    }

    private record Selected(IgnoreRule rule, List<JsonPointer> pointers) {
    }
}
