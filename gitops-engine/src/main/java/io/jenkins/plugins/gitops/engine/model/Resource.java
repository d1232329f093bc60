package io.jenkins.plugins.gitops.engine.model;

import java.util.Map;
import java.util.Optional;

/**
 * One desired resource: its identity, its body (a deeply immutable tree of maps, lists and scalars as
 * built by {@link Documents#immutableCopy}) and where it was declared.
 */
public record Resource(ResourceId id, String apiVersion, Map<String, Object> body, Origin origin) {
    public Resource {
        body = Documents.immutableCopy(body);
    }

    public Optional<String> annotation(String key) {
        return Documents.annotations(body).map(a -> a.get(key)).map(String::valueOf);
    }
}
