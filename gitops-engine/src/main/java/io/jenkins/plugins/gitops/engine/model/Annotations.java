package io.jenkins.plugins.gitops.engine.model;

/**
 * Every {@code gitops.jenkins.io/*} annotation a manifest can carry, in one place so that users and code
 * read the same list (as Argo CD's gitops-engine keeps its annotations in {@code sync/common/types.go}).
 */
public final class Annotations {
    /** An integer (default 0) that orders apply waves where kinds cannot. */
    public static final String WAVE = "gitops.jenkins.io/wave";
    /** {@code disabled}: never prune this resource; it is left in place and no longer owned. */
    public static final String PRUNE = "gitops.jenkins.io/prune";
    /** {@code disabled}: leave {@code ${...}} in this resource untouched. */
    public static final String SUBSTITUTE = "gitops.jenkins.io/substitute";
    /** The value of {@link #PRUNE} and {@link #SUBSTITUTE} that turns the behaviour off. */
    public static final String DISABLED = "disabled";

    private Annotations() {
    }
}
