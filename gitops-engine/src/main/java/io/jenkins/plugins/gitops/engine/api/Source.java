package io.jenkins.plugins.gitops.engine.api;

import org.jspecify.annotations.Nullable;

/**
 * Where the desired state comes from: a repository (local path or URL), a ref and the environment's path in
 * it. {@code ref} and {@code path} may be null: then HEAD and the root, or for a saved plan the plan's commit
 * and path (given explicitly, they must match the plan).
 */
public record Source(String repository, @Nullable String ref, @Nullable String path) {
    public static Source of(String repository) {
        return new Source(repository, null, null);
    }
}
