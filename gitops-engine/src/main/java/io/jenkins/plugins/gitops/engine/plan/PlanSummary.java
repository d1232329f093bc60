package io.jenkins.plugins.gitops.engine.plan;

import java.util.Collection;

/** Counts per action. */
public record PlanSummary(int create, int update, int delete, int noop) {
    public static PlanSummary of(Collection<Change> changes) {
        int[] n = new int[Action.values().length];
        changes.forEach(c -> n[c.action().ordinal()]++);
        return new PlanSummary(n[Action.CREATE.ordinal()], n[Action.UPDATE.ordinal()], n[Action.DELETE.ordinal()],
                n[Action.NOOP.ordinal()]);
    }

    public boolean hasChanges() {
        return create + update + delete > 0;
    }

    @Override
    public String toString() {
        return create + " to create, " + update + " to update, " + delete + " to delete, " + noop + " unchanged";
    }
}
