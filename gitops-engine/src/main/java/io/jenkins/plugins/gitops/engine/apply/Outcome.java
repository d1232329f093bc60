package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;

/** What happened to one resource of a plan. {@code error} is null unless {@code status} is FAILED. */
public record Outcome(ResourceId id, Action action, Status status, String error) {
    public enum Status {
        /** Created, updated or deleted as planned. */
        DONE,
        /** Nothing to do (unchanged). */
        UNCHANGED,
        /** Tried and failed. */
        FAILED,
        /** Not tried, because an earlier wave failed. */
        SKIPPED
    }
}
