package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;

/**
 * Which diffs a text report prints after its one line per change. The diff of a create or a delete is the whole
 * body (a CRD: 20,000 lines), so a terminal shows those only when asked; plan files, JSON and the plan page
 * always keep every diff.
 */
public enum DiffDetail {
    /** No diffs: a build log whose page shows them. */
    NONE,
    /** The diffs of updates; creates and deletes are their line alone. */
    UPDATES,
    /** Every diff, the whole body of each create and delete included. */
    ALL;

    boolean shows(Change change) {
        return this == ALL || this == UPDATES && change.action() == Action.UPDATE;
    }

    /** Whether a change's diff is left out here although {@link #ALL} would print it. */
    public boolean hides(Change change) {
        return change.action() != Action.NOOP && !shows(change);
    }
}
