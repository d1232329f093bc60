package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;

/**
 * Where the desired state lives: a repository (local path or URL), a ref and a directory inside it.
 * A blank ref means HEAD and a blank path the repository root. The path is normalised here
 * ('/'-separated, no leading or trailing slash) and refused early when it would leave the repository.
 */
public record SourceSpec(String repository, String ref, String path) {
    public SourceSpec {
        if (repository == null || repository.isBlank()) {
            throw new GitopsException("no repository given; pass a local path or a URL of a Git repository");
        }
        ref = ref == null || ref.isBlank() ? "HEAD" : ref.strip();
        path = RepoPaths.normalize(path);
    }
}
