package io.jenkins.plugins.gitops.engine.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What applying the desired state at one commit would change in one target. It pins everything apply
 * checks before touching anything: the commit and path, the target, the digest of the rendered desired
 * state and a fingerprint of the live objects it read. It holds no secret value.
 *
 * <p>{@code changes} are in apply order (deletes last, in reverse order). {@code prune} says whether the
 * deletes are part of the plan. {@code plannedBy} is the build (or other run) that made the plan, when the
 * front end knows it, so that the page of its apply can say which build planned it. {@code remoteUrl} is the URL
 * of the {@code origin} remote (without credentials) when {@code repository} is a local clone, such as a Jenkins
 * workspace: it only links the commit to its web page, nothing is read from it. {@code name} is the environment's
 * name as the front end that made the plan called it (a Pipeline step's {@code name:}), or null: the apply of the
 * saved plan keeps it, so every call on one environment is labelled alike.
 */
public record Plan(String repository, String commit, String path, String target, String desiredDigest,
        String liveFingerprint, boolean prune, Instant createdAt, List<Change> changes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String plannedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String remoteUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name) {
    public Plan {
        changes = List.copyOf(changes);
    }

    public Plan(String repository, String commit, String path, String target, String desiredDigest,
            String liveFingerprint, boolean prune, Instant createdAt, List<Change> changes) {
        this(repository, commit, path, target, desiredDigest, liveFingerprint, prune, createdAt, changes, null, null, null);
    }

    /** The same plan, recorded as made by {@code run} (a build URL). */
    public Plan withPlannedBy(String run) {
        return new Plan(repository, commit, path, target, desiredDigest, liveFingerprint, prune, createdAt, changes, run,
                remoteUrl, name);
    }

    /** The same plan, recorded under the environment's name (null: none). */
    public Plan withName(String environmentName) {
        return new Plan(repository, commit, path, target, desiredDigest, liveFingerprint, prune, createdAt, changes,
                plannedBy, remoteUrl, environmentName);
    }

    public PlanSummary summary() {
        return PlanSummary.of(changes);
    }
}
