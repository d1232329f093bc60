package io.jenkins.plugins.gitops.engine.plan;

/**
 * What applying a plan does to one resource. {@code RUN} is a run-once hook (a {@code generateName} object with a
 * hook annotation, such as a migration Job): created anew by every apply under a name the target picks, never
 * compared with what ran before, never owned or pruned.
 */
public enum Action {
    CREATE, UPDATE, DELETE, NOOP, RUN
}
