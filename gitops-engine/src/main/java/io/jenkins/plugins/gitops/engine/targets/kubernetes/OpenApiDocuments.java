package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's OpenAPI v3 documents, for the client diff's types of custom resources: the discovery document
 * {@code /openapi/v3} names each group-version's document by its {@code serverRelativeURL}, which carries a hash of
 * its content. Each is read at most once and kept until a CRD is applied ({@link #invalidate}). Reading them needs
 * only {@code get} on non-resource URLs, which the {@code system:discovery} role grants; where it is refused
 * (403) or not served (404, servers before 1.24 or with the feature off) the diff does without, quietly.
 */
final class OpenApiDocuments {
    private static final Logger LOG = System.getLogger(OpenApiDocuments.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DISCOVERY = "/openapi/v3";

    private final KubernetesClient client;
    private final Map<String, Optional<Map<String, Object>>> documents = new ConcurrentHashMap<>();
    private volatile Optional<Map<String, Object>> index;

    OpenApiDocuments(KubernetesClient client) {
        this.client = client;
    }

    Optional<Map<String, Object>> of(String groupVersion) {
        return documents.computeIfAbsent(groupVersion, this::fetch);
    }

    /** A CRD was applied: its group-version's document changed (and so did the hashes in the discovery document). */
    void invalidate() {
        index = null;
        documents.clear();
    }

    private Optional<Map<String, Object>> fetch(String groupVersion) {
        String path = (groupVersion.contains("/") ? "apis/" : "api/") + groupVersion;
        return index().flatMap(i -> i.get("paths") instanceof Map<?, ?> paths && paths.get(path) instanceof Map<?, ?> p
                && p.get("serverRelativeURL") instanceof String url ? Optional.of(url) : Optional.empty())
                .flatMap(this::read);
    }

    private synchronized Optional<Map<String, Object>> index() {
        if (index == null) {
            index = read(DISCOVERY);
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> read(String uri) {
        try {
            String text = client.raw(uri, "GET", null);
            return text == null ? Optional.empty() : Optional.of(JSON.readValue(text, Map.class));
        } catch (KubernetesClientException e) {
            // A diff without custom resources' list types is coarser, not wrong: it is what it was without OpenAPI.
            Level level = e.getCode() == 403 || e.getCode() == 404 ? Level.DEBUG : Level.WARNING;
            LOG.log(level, () -> "no OpenAPI v3 document at " + uri + " (HTTP " + e.getCode() + "): custom resources'"
                    + " lists are compared by name or position");
            return Optional.empty();
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, () -> "unreadable OpenAPI v3 document at " + uri + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
