package io.jenkins.plugins.gitops.engine.diff;

/** The outcome of comparing one resource: a unified diff with secret values masked, "" when unchanged. */
public record ResourceDiff(boolean changed, String unifiedDiff) {
    public static final ResourceDiff UNCHANGED = new ResourceDiff(false, "");
}
