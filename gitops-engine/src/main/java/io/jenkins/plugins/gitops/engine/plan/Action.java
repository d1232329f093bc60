package io.jenkins.plugins.gitops.engine.plan;

/** What applying a plan does to one resource. */
public enum Action {
    CREATE, UPDATE, DELETE, NOOP
}
