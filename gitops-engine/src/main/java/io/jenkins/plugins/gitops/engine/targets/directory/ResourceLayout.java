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
 */
final class ResourceLayout {
    static final String CORE_GROUP = "_core";
    static final String CLUSTER_SCOPE = "_cluster";
    private static final String SUFFIX = ".yaml";

    private final Path root;

    ResourceLayout(Path root) {
        this.root = root;
    }

    /** @throws TargetException when a part of the id would not be a single safe file name */
    Path fileOf(ResourceId id) {
        String group = id.group().isEmpty() ? CORE_GROUP : placeable(id, "group", id.group());
        String namespace = id.namespace().isEmpty() ? CLUSTER_SCOPE : placeable(id, "namespace", id.namespace());
        return root.resolve(group)
                .resolve(safe(id, "kind", id.kind()))
                .resolve(namespace)
                .resolve(safe(id, "name", id.name()) + SUFFIX);
    }

    /** The id stored at {@code file}, or empty when the file is not where {@link #fileOf} puts a resource. */
    Optional<ResourceId> idOf(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        String fileName = relative.getFileName().toString();
        if (relative.getNameCount() != 4 || !fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String group = relative.getName(0).toString();
        String namespace = relative.getName(2).toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        try {
            ResourceId id = new ResourceId(group.equals(CORE_GROUP) ? "" : group, relative.getName(1).toString(),
                    namespace.equals(CLUSTER_SCOPE) ? "" : namespace, name);
            // Only a path that maps back to itself is a resource; anything else is a stray file.
            return fileOf(id).equals(root.resolve(relative)) ? Optional.of(id) : Optional.empty();
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
        return new TargetException("cannot store " + id + " in a directory target: its " + part
                + " is not a valid Kubernetes " + part + " (it would not be a single file name inside the folder);"
                + " fix the " + part + " in the manifest");
    }
}
