package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.engine.plan.Action;

/**
 * When a plan is shown, and so how its changes are worded: before an apply ("create"), after it
 * ("created"), or as drift found by verify ("missing", "differing", "no longer desired"). A verify's diff
 * compares the live object with the desired one, and its headers say so.
 */
public enum Phase {
    PLAN("create", "update", "delete", "unchanged", "Live", "Desired"),
    APPLIED("created", "updated", "deleted", "unchanged", "Before", "After"),
    VERIFY("missing", "differing", "no longer desired", "in sync", "Live", "Desired (Git)");

    private final String create;
    private final String update;
    private final String delete;
    private final String noop;
    private final String left;
    private final String right;

    Phase(String create, String update, String delete, String noop, String left, String right) {
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.noop = noop;
        this.left = left;
        this.right = right;
    }

    /** The word for one action in this phase. */
    public String word(Action action) {
        return switch (action) {
            case CREATE -> create;
            case UPDATE -> update;
            case DELETE -> delete;
            case NOOP -> noop;
            case RUN -> this == APPLIED ? "ran" : "run";
        };
    }

    /** Header of the side that the diff removes from. */
    public String left() {
        return left;
    }

    /** Header of the side that the diff adds to. */
    public String right() {
        return right;
    }
}
