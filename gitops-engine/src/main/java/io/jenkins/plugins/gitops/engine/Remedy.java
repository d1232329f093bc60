package io.jenkins.plugins.gitops.engine;

import java.io.Serializable;

/**
 * What the user can do about an error, as a kind and an optional value (a commit, a duration), so each front
 * end words it in its own vocabulary: a command-line flag or a Pipeline step parameter. {@link #neutral()} is
 * the wording for anyone else.
 */
public record Remedy(Kind kind, String value) implements Serializable {
    public enum Kind {
        /** Take over fields another field manager set. */
        FORCE_CONFLICTS("take over the fields (force conflicts)"),
        /** Delete and re-create an object whose change touches an immutable field. */
        REPLACE_IMMUTABLE("allow replacing the object (it is absent for a moment)"),
        /** Wait for another run's lock for a while; {@code value} is a suggested ISO-8601 duration. */
        LOCK_WAIT("wait for that run to finish, or allow waiting for the lock"),
        /** Read the source at the plan's commit; {@code value} is the commit. */
        REF("read the source at the plan's commit, or make a new plan"),
        /** Give the same variables as for the plan. */
        VARIABLES("give the same variables and variable files as for the plan, or make a new plan"),
        /** Check the kubeconfig (and its context). */
        KUBECONFIG("check the kubeconfig and its context"),
        /** Choose another kubeconfig context. */
        CONTEXT("check the kubeconfig context, or use another one"),
        /** Save a plan with this version and apply that one. */
        SAVE_PLAN("make and save a new plan"),
        /** Let a desired state with no resources delete everything the target holds for the path. */
        ALLOW_EMPTY("allow an empty desired state to delete everything, if that is the intent"),
        /** A newer version wrote a record this one cannot read (see {@link StoredFormat}). */
        UPGRADE("upgrade gitops-pipeline to the version that wrote it");

        private final String neutral;

        Kind(String neutral) {
            this.neutral = neutral;
        }
    }

    public Remedy {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
    }

    public static Remedy of(Kind kind) {
        return new Remedy(kind, null);
    }

    public static Remedy of(Kind kind, String value) {
        return new Remedy(kind, value);
    }

    /** Wording that names no front end's option. */
    public String neutral() {
        return kind.neutral + (value == null ? "" : " (" + value + ")");
    }
}
