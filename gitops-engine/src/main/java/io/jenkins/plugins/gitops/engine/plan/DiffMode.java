package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;

/** How the planner learns what applying a resource would change. */
public enum DiffMode {
    /** Compare the live object with the manifest, within the target's {@link DiffScope}. */
    CLIENT,
    /**
     * Compare the live object, whole, with what the target says it would store if the manifest were applied
     * now (a server-side dry run): defaults are then no differences, and fields the manifest stopped setting
     * are. Resources the target cannot preview are compared as with {@link #CLIENT}, with one warning.
     */
    SERVER
}
