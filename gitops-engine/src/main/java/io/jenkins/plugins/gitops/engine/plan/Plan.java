package io.jenkins.plugins.gitops.engine.plan;

import java.time.Instant;
import java.util.List;

/**
 * What applying the desired state at one commit would change in one target. It pins everything apply
 * checks before touching anything: the commit and path, the target, the digest of the rendered desired
 * state and a fingerprint of the live objects it read. It holds no secret value.
 *
 * <p>{@code changes} are in apply order (deletes last, in reverse order). {@code prune} says whether the
 * deletes are part of the plan.
 */
public record Plan(String repository, String commit, String path, String target, String desiredDigest,
        String liveFingerprint, boolean prune, Instant createdAt, List<Change> changes) {
    public Plan {
        changes = List.copyOf(changes);
    }

    public PlanSummary summary() {
        return PlanSummary.of(changes);
    }
}
