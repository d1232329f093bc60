package io.jenkins.plugins.gitops.engine.model;

/**
 * Where a resource or a problem comes from: a repository-relative file ('/'-separated) and a 1-based
 * line, 0 when the line is not known (for example a resource rendered by kustomize).
 */
public record Origin(String file, int line) {
    public Origin {
        if (file == null) {
            throw new IllegalArgumentException("file");
        }
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
