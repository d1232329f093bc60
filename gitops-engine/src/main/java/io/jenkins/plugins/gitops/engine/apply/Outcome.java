package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one resource of a plan. {@code error} is null unless {@code status} is FAILED;
 * {@code remedy}, what the user can do about the failure, is null when the engine knows none. {@code createdAs} is
 * the name the target gave a run-once hook it ran ({@link Action#RUN}), null otherwise and when the target runs
 * nothing (a directory, a Git branch).
 */
public record Outcome(ResourceId id, Action action, Status status, @Nullable String error, @Nullable Remedy remedy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String createdAs) {
    public enum Status {
        /** Created, updated, deleted or run as planned. */
        DONE,
        /** Nothing to do (unchanged). */
        UNCHANGED,
        /** Tried and failed. */
        FAILED,
        /**
         * Not written because of a failure: not tried after an earlier wave failed, or, on a store that lands an
         * apply's writes all together, held back because another write failed.
         */
        SKIPPED
    }

    public Outcome(ResourceId id, Action action, Status status, String error, Remedy remedy) {
        this(id, action, status, error, remedy, null);
    }

    public Outcome(ResourceId id, Action action, Status status, String error) {
        this(id, action, status, error, null);
    }

    /**
     * Whether this changed the target: done and not a no-op, and for a run-once hook, run by the target rather than
     * recorded only (a directory or Git branch runs nothing, so an apply that only "ran" hooks there changed nothing).
     */
    public boolean changedTarget() {
        return status == Status.DONE && action != Action.NOOP && (action != Action.RUN || createdAs != null);
    }

    static Outcome failed(Change change, String error, Remedy remedy) {
        return new Outcome(change.id(), change.action(), Status.FAILED, error, remedy);
    }
}
