package io.jenkins.plugins.gitops.engine.model;

import java.util.Comparator;

/**
 * The identity of a resource: API group ("" for the core group), kind, namespace ("" when cluster-scoped
 * or not set) and name. The API version is not part of it: the same object may be served at several.
 */
public record ResourceId(String group, String kind, String namespace, String name) implements Comparable<ResourceId> {
    /** Ends the name of a {@linkplain #generated generated} id. */
    public static final String GENERATED = "*";
    private static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::group)
            .thenComparing(ResourceId::kind)
            .thenComparing(ResourceId::namespace)
            .thenComparing(ResourceId::name);

    public ResourceId {
        group = group == null ? "" : group;
        namespace = namespace == null ? "" : namespace;
        if (kind == null || kind.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("kind and name are required");
        }
    }

    /** The group of an apiVersion: "apps/v1" is "apps", "v1" is the core group "". */
    public static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /**
     * The id of a run-once hook: an object with {@code metadata.generateName} whose name the target picks when it
     * creates it. Its name is the prefix followed by {@value #GENERATED}, which no Kubernetes name holds, so it never
     * meets a named object's id.
     */
    public static ResourceId generated(String group, String kind, String namespace, String generateName) {
        return new ResourceId(group, kind, namespace, generateName + GENERATED);
    }

    /** Whether this is the id of a run-once hook ({@link #generated}). */
    public boolean hasGeneratedName() {
        return name.endsWith(GENERATED);
    }

    public ResourceId withNamespace(String newNamespace) {
        return new ResourceId(group, kind, newNamespace, name);
    }

    @Override
    public int compareTo(ResourceId other) {
        return ORDER.compare(this, other);
    }

    /** kubectl-like: {@code Deployment.apps/shop/web}, {@code Namespace/shop}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind);
        if (!group.isEmpty()) {
            s.append('.').append(group);
        }
        s.append('/');
        if (!namespace.isEmpty()) {
            s.append(namespace).append('/');
        }
        return s.append(name).toString();
    }
}
