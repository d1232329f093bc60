package io.jenkins.plugins.gitops.engine.targets;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a target's history, as listed by {@code gitops history}: an apply (a revision) or, when recorded, a
 * verify. {@code buildUrl}, {@code errorClass} and {@code plannedAt} may be null.
 *
 * <p>Entries written before this record grew its last six components have none of them: they were successful
 * applies of a new revision, and read back as such ({@code event} APPLY, {@code result} SUCCEEDED, {@code changed}
 * null meaning "at least one resource, count not recorded").
 *
 * @param appliedAt  when the apply finished, or when the verify ran
 * @param resources  the number of desired resources
 * @param event      what ran
 * @param result     how it ended
 * @param errorClass for a failed apply, the kind of error, else null
 * @param plannedAt  when the plan that was applied was made (for plan-and-apply, the same run), or null
 * @param changed    resources created, updated or deleted by an apply, or found drifted by a verify; null when
 *                   not recorded
 * @param rollback   an apply of a commit applied before, other than the one applied last (see
 *                   {@link Inventory#isRollback})
 */
public record Revision(String commit, String path, String desiredDigest, Instant appliedAt, String user,
        @Nullable String buildUrl, int resources, Event event, Result result, @Nullable String errorClass,
        @Nullable Instant plannedAt, @Nullable Integer changed, boolean rollback) {

    /** What an entry records. */
    public enum Event {
        APPLY, VERIFY
    }

    /** How it ended: an apply SUCCEEDED or FAILED; a verify found the target CLEAN, drifted, or unhealthy. */
    public enum Result {
        SUCCEEDED, FAILED, CLEAN, DRIFT, UNHEALTHY;

        /** A failed apply or a verify that found drift or unhealthy resources: the environment needs restoring. */
        public boolean failure() {
            return this == FAILED || this == DRIFT || this == UNHEALTHY;
        }
    }

    public Revision {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(appliedAt, "appliedAt");
        path = path == null ? "" : path;
        event = event == null ? Event.APPLY : event;
        result = result == null ? Result.SUCCEEDED : result;
        if ((event == Event.APPLY) != (result == Result.SUCCEEDED || result == Result.FAILED)) {
            throw new IllegalArgumentException("a " + event + " cannot end " + result);
        }
    }

    /** A successful apply of a new revision, as every entry recorded before failures and verifies were. */
    public Revision(String commit, String path, String desiredDigest, Instant appliedAt, String user, String buildUrl,
            int resources) {
        this(commit, path, desiredDigest, appliedAt, user, buildUrl, resources, Event.APPLY, Result.SUCCEEDED, null,
                null, null, false);
    }

    /** A successful apply that changed something. */
    public boolean deployed() {
        return event == Event.APPLY && result == Result.SUCCEEDED && (changed == null || changed > 0);
    }
}
