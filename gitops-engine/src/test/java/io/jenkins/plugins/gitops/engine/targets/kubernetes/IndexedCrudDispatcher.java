package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * fabric8's CRUD store, except that an object named by a path is found through an index by name instead of by
 * matching the attributes of every stored object. The mock's own lookup costs time in proportion to what it
 * holds, on its one event loop, so with thousands of objects that, not the latency a benchmark sets, is what
 * would be measured; a real API server reads one object through etcd's key index. LISTs, watches and deletes
 * keep the mock's scan. Index and store change together under one monitor, so a read never sees one without the
 * other.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    /** Keys of the stored objects by name, in the store's insertion order, as the mock's scan would meet them. */
    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();

    @Override
    public MockResponse handleGet(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        if (name(query) == null || path.contains("watch=")) {
            return super.handleGet(path);
        }
        Map.Entry<AttributeSet, String> found = findResource(query);
        return found == null ? new MockResponse().setResponseCode(404)
                : new MockResponse().setResponseCode(200).setBody(found.getValue());
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        String name = name(query);
        if (name == null) {
            return super.findResource(query);
        }
        synchronized (byName) {
            for (AttributeSet key : byName.getOrDefault(name, Set.of())) {
                String stored = map.get(key);
                if (stored != null && key.matches(query)) {
                    return Map.entry(key, stored);
                }
            }
            return null;
        }
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        synchronized (byName) {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (oldAttributes != null) {
                Set<AttributeSet> keys = byName.get(name(oldAttributes));
                if (keys != null) {
                    keys.remove(oldAttributes);
                }
            }
            if (newState != null) {
                index(stored(pathAttributes, resource, newState));
            }
        }
    }

    @Override
    public void reset() {
        synchronized (byName) {
            super.reset();
            byName.clear();
        }
    }

    /** The key the store just put the new state under, computed as the mock computes it. */
    private AttributeSet stored(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        key = key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
        if (!map.containsKey(key)) {
            throw new IllegalStateException("the mock stored " + newState + " under another key than " + key
                    + "; update IndexedCrudDispatcher to the mock's version");
        }
        return key;
    }

    private void index(AttributeSet key) {
        String name = name(key);
        if (name != null) {
            Set<AttributeSet> keys = byName.computeIfAbsent(name, n -> new LinkedHashSet<>());
            keys.remove(key);
            keys.add(key);
        }
    }

    private static String name(AttributeSet attributes) {
        Attribute name = attributes.getAttribute(KubernetesAttributesExtractor.NAME);
        return name == null || name.getType() != AttributeType.WITH || name.getValues().size() != 1 ? null
                : name.getValues().get(0).toString();
    }
}
