package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * How the fake API server merges a list, written apart from the engine's schema code so that the fake does not
 * check the diff against itself. Custom resources: the {@code x-kubernetes-list-type} and
 * {@code x-kubernetes-list-map-keys} of the stored CRD's {@code openAPIV3Schema}, walked by field name (lists
 * without a type are atomic, as the API server treats them). Built-in kinds: the merge keys Kubernetes' API
 * reference gives for the lists the tests use (containers, env, volumes by name, volume mounts by path, container
 * ports by port and protocol, Service ports by port and protocol, finalizers as a set); every other list is atomic.
 */
final class FakeListTypes {
    enum Kind { ATOMIC, SET, MAP }

    record ListType(Kind kind, List<String> keys) {
        static final ListType ATOMIC = new ListType(Kind.ATOMIC, List.of());
    }

    private static final ListType BY_NAME = new ListType(Kind.MAP, List.of("name"));
    private static final Map<String, ListType> BUILT_IN = Map.of(
            "containers", BY_NAME, "initContainers", BY_NAME, "ephemeralContainers", BY_NAME, "env", BY_NAME,
            "volumes", BY_NAME, "imagePullSecrets", BY_NAME,
            "volumeMounts", new ListType(Kind.MAP, List.of("mountPath")),
            "finalizers", new ListType(Kind.SET, List.of()));

    private final String kind;
    private final Map<?, ?> crdSchema;

    /** @param crdSchema the CRD's {@code openAPIV3Schema} for a custom resource, null for a built-in kind */
    FakeListTypes(String kind, Map<?, ?> crdSchema) {
        this.kind = kind;
        this.crdSchema = crdSchema;
    }

    /** The list at these field names from the object's root (list items are not named: {@code spec, containers, ports}). */
    ListType at(List<String> fields) {
        String last = fields.get(fields.size() - 1);
        if (fields.size() > 1 && fields.get(0).equals("metadata")) {
            return BUILT_IN.getOrDefault(last, ListType.ATOMIC);
        }
        if (crdSchema != null) {
            return fromSchema(fields);
        }
        if (last.equals("ports")) {
            return new ListType(Kind.MAP, kind.equals("Service") ? List.of("port", "protocol")
                    : List.of("containerPort", "protocol"));
        }
        return BUILT_IN.getOrDefault(last, ListType.ATOMIC);
    }

    private ListType fromSchema(List<String> fields) {
        Object node = crdSchema;
        for (String field : fields) {
            if (node instanceof Map<?, ?> n && "array".equals(n.get("type"))) {
                node = n.get("items");
            }
            if (!(node instanceof Map<?, ?> n)) {
                return ListType.ATOMIC;
            }
            node = n.get("properties") instanceof Map<?, ?> p && p.containsKey(field) ? p.get(field)
                    : n.get("additionalProperties");
        }
        if (node instanceof Map<?, ?> n && "map".equals(n.get("x-kubernetes-list-type"))
                && n.get("x-kubernetes-list-map-keys") instanceof List<?> keys) {
            return new ListType(Kind.MAP, keys.stream().map(String::valueOf).toList());
        }
        return node instanceof Map<?, ?> n && "set".equals(n.get("x-kubernetes-list-type"))
                ? new ListType(Kind.SET, List.of()) : ListType.ATOMIC;
    }
}
