package io.jenkins.plugins.gitops.engine.source;

import java.time.Instant;

/** A commit and when it was committed (the committer's time: when it landed on the branch, after any rebase). */
public record CommitTime(String id, Instant committedAt) {
}
