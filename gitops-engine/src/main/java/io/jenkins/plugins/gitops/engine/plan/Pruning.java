package io.jenkins.plugins.gitops.engine.plan;

/**
 * Whether a plan deletes what the target holds for the environment and the desired state no longer has. An empty
 * desired state that would delete everything is refused unless asked for ({@link EmptyDesiredState}).
 */
public enum Pruning {
    /** Deletes nothing ({@code --no-prune}, {@code prune: false}). */
    OFF,
    /** Deletes what the desired state no longer has, unless that is everything because it renders nothing. */
    ON,
    /** Deletes what the desired state no longer has, everything when it renders nothing ({@code --allow-empty}). */
    ALLOW_EMPTY;

    /** From a front end's two settings: allowing an empty desired state means nothing when nothing is deleted. */
    public static Pruning of(boolean prune, boolean allowEmpty) {
        return !prune ? OFF : allowEmpty ? ALLOW_EMPTY : ON;
    }

    public boolean deletes() {
        return this != OFF;
    }
}
