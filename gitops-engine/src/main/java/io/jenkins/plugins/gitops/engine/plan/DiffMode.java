package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import java.util.Locale;

/** How the planner learns what applying a resource would change. */
public enum DiffMode {
    /** Compare the live object with the manifest, within the target's {@link DiffScope}. */
    CLIENT,
    /**
     * Compare the live object, whole, with what the target says it would store if the manifest were applied
     * now (a server-side dry run): defaults are then no differences, and fields the manifest stopped setting
     * are. Resources the target cannot preview are compared as with {@link #CLIENT}, with one warning. What the
     * server would add or change outside the fields the manifest sets (mutating admission webhooks, defaults) is
     * hidden: users do not manage it, and it would show on every plan.
     */
    SERVER,
    /** {@link #SERVER}, showing also what the server would add or change outside the manifest's fields. */
    SERVER_WITH_WEBHOOKS;

    /**
     * The mode used when none is given, as the command line's {@code --diff} and the step parameter {@code diff} write
     * it: a constant, so that option annotations and forms can show it.
     */
    public static final String DEFAULT_NAME = "client";
    /** The mode used when none is given: {@link #DEFAULT_NAME}. */
    public static final DiffMode DEFAULT = parse(DEFAULT_NAME);

    /** A mode as front ends write it, in any case ({@code client}, {@code server}, {@code server_with_webhooks}). */
    public static DiffMode parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether the planner asks the target for server-side previews. */
    public boolean server() {
        return this != CLIENT;
    }
}
