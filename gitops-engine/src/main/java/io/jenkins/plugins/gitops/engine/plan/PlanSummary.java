package io.jenkins.plugins.gitops.engine.plan;

import java.util.Collection;

/**
 * Counts per action. Runs of run-once hooks are counted but are no change: like Argo CD, which does not call an
 * application out of sync for its hooks, a plan that only runs hooks has nothing to apply.
 */
public record PlanSummary(int create, int update, int delete, int noop, int run) {
    /** Counts of a plan without runs. */
    public PlanSummary(int create, int update, int delete, int noop) {
        this(create, update, delete, noop, 0);
    }

    public static PlanSummary of(Collection<Change> changes) {
        int[] n = new int[Action.values().length];
        changes.forEach(c -> n[c.action().ordinal()]++);
        return new PlanSummary(n[Action.CREATE.ordinal()], n[Action.UPDATE.ordinal()], n[Action.DELETE.ordinal()],
                n[Action.NOOP.ordinal()], n[Action.RUN.ordinal()]);
    }

    public boolean hasChanges() {
        return create + update + delete > 0;
    }

    @Override
    public String toString() {
        return create + " to create, " + update + " to update, " + delete + " to delete, " + noop + " unchanged"
                + (run > 0 ? ", " + run + " to run" : "");
    }
}
