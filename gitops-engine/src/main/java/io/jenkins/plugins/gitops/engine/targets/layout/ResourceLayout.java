package io.jenkins.plugins.gitops.engine.targets.layout;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where each resource lives: {@code <group>/<Kind>/<namespace>/<name>.yaml} under the root, with
 * {@value #CORE_GROUP} for the core group and {@value #CLUSTER_SCOPE} for cluster-scoped resources.
 *
 * <p>API groups and namespaces are DNS names, which never start with an underscore, so the placeholders
 * cannot meet a real group or namespace. No segment may start with a dot, which keeps resources apart
 * from the engine's {@code .gitops} folder and from temp files. So every id has exactly one path and back.
 *
 * <p>A name is valid Kubernetes up to 253 characters, but a file name may have only 255 bytes, temp suffix
 * included: a name whose file name would be longer than {@value #MAX_PLAIN_BYTES} bytes is stored as its
 * first characters, {@code ~} (never part of a Kubernetes name) and a hash of the whole name; the real name
 * is the {@code metadata.name} inside the file.
 *
 * <p>The environment-branch target keeps the same layout inside a Git tree, through the '/'-separated
 * {@link #relativePath}.
 */
public final class ResourceLayout {
    static final String CORE_GROUP = "_core";
    static final String CLUSTER_SCOPE = "_cluster";
    private static final String SUFFIX = ".yaml";
    static final int MAX_PLAIN_BYTES = 200;
    private static final int KEPT_CHARS = 100;
    private static final char HASHED = '~';

    private final Path root;
    private final Function<Path, Optional<String>> nameInFile;

    /** @param nameInFile reads {@code metadata.name} from a stored file, for names that were hashed */
    public ResourceLayout(Path root, Function<Path, Optional<String>> nameInFile) {
        this.root = root;
        this.nameInFile = nameInFile;
    }

    /** Secrets and the folders that hold them are readable by the owner alone. */
    public static boolean ownerOnly(ResourceId id) {
        return id.group().isEmpty() && id.kind().equals("Secret");
    }

    /** The highest folder that must be owner-only for {@code id}, or null if none must. */
    public @Nullable Path ownerOnlyFrom(ResourceId id) {
        return ownerOnly(id) ? root.resolve(CORE_GROUP).resolve(id.kind()) : null;
    }

    /** @throws TargetException when a part of the id would not be a single safe file name */
    public Path fileOf(ResourceId id) {
        return root.resolve(relativePath(id));
    }

    /**
     * The '/'-separated path of the resource's file below the layout's root.
     *
     * @throws TargetException when a part of the id would not be a single safe file name
     */
    public static String relativePath(ResourceId id) {
        String group = id.group().isEmpty() ? CORE_GROUP : placeable(id, "group", id.group());
        String namespace = id.namespace().isEmpty() ? CLUSTER_SCOPE : placeable(id, "namespace", id.namespace());
        return group + "/" + safe(id, "kind", id.kind()) + "/" + namespace + "/"
                + fileName(safe(id, "name", id.name()));
    }

    private static String fileName(String name) {
        String plain = name + SUFFIX;
        if (plain.getBytes(StandardCharsets.UTF_8).length <= MAX_PLAIN_BYTES && name.indexOf(HASHED) < 0) {
            return plain;
        }
        String kept = name.codePoints().limit(KEPT_CHARS).filter(c -> c < 128)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return kept + HASHED + hash(name) + SUFFIX;
    }

    private static String hash(String name) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The id stored at {@code file}, or empty when the file is not where {@link #fileOf} puts a resource. */
    public Optional<ResourceId> idOf(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        String fileName = relative.getFileName().toString();
        if (relative.getNameCount() != 4 || !fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String group = relative.getName(0).toString();
        String namespace = relative.getName(2).toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (name.indexOf(HASHED) >= 0) {
            Optional<String> real = nameInFile.apply(root.resolve(relative));
            if (real.isEmpty()) {
                return Optional.empty();
            }
            name = real.get();
        }
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
        return new Unplaceable("cannot store " + id + " in a directory target: " + problem(part)
                + "; fix the " + part + " in the manifest", problem(part));
    }

    private static String problem(String part) {
        return "its " + part + " is not a valid Kubernetes " + part + " (it would not be a single file name inside the"
                + " folder)";
    }

    /**
     * Refuses an inventory listing an id that has no file in this layout. Such an entry was not written by gitops
     * (it only records what it applied): the record is at fault, not a manifest.
     *
     * @param record the inventory as the user finds it
     */
    public static void checkListed(Collection<ResourceId> ids, String record) {
        for (ResourceId id : ids) {
            try {
                relativePath(id);
            } catch (Unplaceable e) {
                throw new TargetException(record + " lists " + id + ", which no resource can be: " + e.problem
                        + "; fix or remove that entry, or restore the file from a backup");
            }
        }
    }

    /** The refusal of an id, with the problem alone for messages that blame something else than a manifest. */
    private static final class Unplaceable extends TargetException {
        private static final long serialVersionUID = 1L;
        private final String problem;

        Unplaceable(String message, String problem) {
            super(message);
            this.problem = problem;
        }
    }
}
