package io.jenkins.plugins.gitops.engine.api;

import org.jspecify.annotations.Nullable;

/**
 * What a target that records each apply in its own history (a Git branch's commit) is told about it: the
 * saved plan's target (a Git target's pinned head) and digest, the source repository as shown (no password),
 * the user and the build. Plan and history are null for an apply planned at once.
 */
public record ApplyContext(@Nullable String planTarget, @Nullable String planDigest, String sourceRepository,
        String user, String buildUrl) {
}
