package io.jenkins.plugins.gitops.engine.diff;

import java.util.List;

/**
 * The outcome of comparing one resource: a unified diff with secret values masked ("" when unchanged), and
 * for an update the changed field paths ({@link ChangedPaths}).
 */
public record ResourceDiff(boolean changed, String unifiedDiff, List<String> paths) {
    public static final ResourceDiff UNCHANGED = new ResourceDiff(false, "", List.of());

    public ResourceDiff {
        paths = List.copyOf(paths);
    }
}
