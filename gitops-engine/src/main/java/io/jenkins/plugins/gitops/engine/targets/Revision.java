package io.jenkins.plugins.gitops.engine.targets;

import java.time.Instant;

/** One applied revision, as listed by {@code gitops history}. {@code buildUrl} may be null. */
public record Revision(String commit, String path, String desiredDigest, Instant appliedAt, String user,
        String buildUrl, int resources) {
}
