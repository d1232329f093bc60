package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each resource lives: {@code <group>/<Kind>/<namespace>/<name>.yaml} under the root, with
 * {@value #CORE_GROUP} for the core group and {@value #CLUSTER_SCOPE} for cluster-scoped resources.
 *
 * <p>API groups and namespaces are DNS names, which never start with an underscore, so the placeholders
 * cannot meet a real group or namespace. No segment may start with a dot, which keeps resources apart
 * from the engine's {@code .gitops} folder and from temp files. So every id has exactly one path and back.
 *
 * <p>The environment-branch target keeps the same layout inside a Git tree, through the '/'-separated
 * {@link #relativePath} and {@link #idOfRelative}.
 */
public final class ResourceLayout {
    static final String CORE_GROUP = "_core";
    static final String CLUSTER_SCOPE = "_cluster";
    private static final String SUFFIX = ".yaml";

    private final Path root;

    ResourceLayout(Path root) {
        this.root = root;
    }

    /** @throws TargetException when a part of the id would not be a single safe file name */
    Path fileOf(ResourceId id) {
        return root.resolve(relativePath(id));
    }

    /** The id stored at {@code file}, or empty when the file is not where {@link #fileOf} puts a resource. */
    Optional<ResourceId> idOf(Path file) {
        return idOfRelative(root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/'));
    }

    /**
     * The '/'-separated path of the resource's file below the layout's root.
     *
     * @throws TargetException when a part of the id would not be a single safe file name
     */
    public static String relativePath(ResourceId id) {
        String group = id.group().isEmpty() ? CORE_GROUP : placeable(id, "group", id.group());
        String namespace = id.namespace().isEmpty() ? CLUSTER_SCOPE : placeable(id, "namespace", id.namespace());
        return group + "/" + safe(id, "kind", id.kind()) + "/" + namespace + "/" + safe(id, "name", id.name()) + SUFFIX;
    }

    /** The id whose file is at this '/'-separated relative path, or empty for any other file. */
    public static Optional<ResourceId> idOfRelative(String relative) {
        String[] parts = relative.split("/", -1);
        if (parts.length != 4 || !parts[3].endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String name = parts[3].substring(0, parts[3].length() - SUFFIX.length());
        try {
            ResourceId id = new ResourceId(parts[0].equals(CORE_GROUP) ? "" : parts[0], parts[1],
                    parts[2].equals(CLUSTER_SCOPE) ? "" : parts[2], name);
            // Only a path that maps back to itself is a resource; anything else is a stray file.
            return relativePath(id).equals(relative) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException | TargetException e) {
            return Optional.empty();
        }
    }

    private static String placeable(ResourceId id, String part, String value) {
        if (value.startsWith("_")) {
            throw unsafe(id, part);
        }
        return safe(id, part, value);
    }

    private static String safe(ResourceId id, String part, String value) {
        if (value.isEmpty() || value.startsWith(".") || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0
                || value.indexOf('\0') >= 0) {
            throw unsafe(id, part);
        }
        return value;
    }

    private static TargetException unsafe(ResourceId id, String part) {
        return new TargetException("cannot store " + id + " as a file: its " + part
                + " is not a valid Kubernetes " + part + " (it would not be a single file name inside the folder);"
                + " fix the " + part + " in the manifest");
    }
}
