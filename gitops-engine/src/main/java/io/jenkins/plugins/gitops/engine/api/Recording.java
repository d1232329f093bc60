package io.jenkins.plugins.gitops.engine.api;

import org.jspecify.annotations.Nullable;

/**
 * Whether a verify adds its result to the target's history (for the metrics' time to restore and change failure
 * rate), and who ran it. The command line records with {@code gitops verify --record}; the Jenkins steps always do.
 * {@code buildUrl} may be null.
 */
public record Recording(boolean enabled, @Nullable String user, @Nullable String buildUrl) {
    public static final Recording NONE = new Recording(false, null, null);

    public Recording {
        if (enabled && (user == null || user.isBlank())) {
            throw new IllegalArgumentException("a recorded verify needs a user");
        }
    }

    public static Recording as(String user, String buildUrl) {
        return new Recording(true, user, buildUrl);
    }
}
