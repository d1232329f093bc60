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

    public static Builder builder() {
        return new Builder();
    }

    /** A successful apply that changed something. */
    public boolean deployed() {
        return event == Event.APPLY && result == Result.SUCCEEDED && (changed == null || changed > 0);
    }

    /**
     * Names each component, so that a call site reads which of the thirteen it sets; unset ones are null, 0 or
     * false, and the event and result default as in the constructor (a successful apply).
     */
    public static final class Builder {
        private String commit;
        private String path;
        private String desiredDigest;
        private Instant appliedAt;
        private String user;
        private @Nullable String buildUrl;
        private int resources;
        private Event event;
        private Result result;
        private @Nullable String errorClass;
        private @Nullable Instant plannedAt;
        private @Nullable Integer changed;
        private boolean rollback;

        private Builder() {
        }

        public Builder commit(String id) {
            this.commit = id;
            return this;
        }

        public Builder path(String environmentPath) {
            this.path = environmentPath;
            return this;
        }

        public Builder desiredDigest(String digest) {
            this.desiredDigest = digest;
            return this;
        }

        public Builder appliedAt(Instant time) {
            this.appliedAt = time;
            return this;
        }

        public Builder user(String name) {
            this.user = name;
            return this;
        }

        public Builder buildUrl(@Nullable String url) {
            this.buildUrl = url;
            return this;
        }

        public Builder resources(int count) {
            this.resources = count;
            return this;
        }

        public Builder event(Event what) {
            this.event = what;
            return this;
        }

        public Builder result(Result how) {
            this.result = how;
            return this;
        }

        public Builder errorClass(@Nullable String kind) {
            this.errorClass = kind;
            return this;
        }

        public Builder plannedAt(@Nullable Instant time) {
            this.plannedAt = time;
            return this;
        }

        public Builder changed(@Nullable Integer count) {
            this.changed = count;
            return this;
        }

        public Builder rollback(boolean isRollback) {
            this.rollback = isRollback;
            return this;
        }

        public Revision build() {
            return new Revision(commit, path, desiredDigest, appliedAt, user, buildUrl, resources, event, result,
                    errorClass, plannedAt, changed, rollback);
        }
    }
}
