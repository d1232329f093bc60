package io.jenkins.plugins.gitops.engine.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * saved plan keeps it, so every call on one environment is labelled alike. {@code renderedBy} names the Helm that
 * rendered the environment's charts ({@code helm v4.1.4 (/usr/local/bin/helm)}), empty without charts: informative,
 * in the plan file's own digest but not in the desired state's, so an apply on an agent with another Helm that renders
 * the same objects is not stale. Plan files written before it have none.
 */
public record Plan(String repository, String commit, String path, String target, String desiredDigest,
        String liveFingerprint, boolean prune, Instant createdAt, List<Change> changes,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String plannedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String remoteUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String name,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> renderedBy) {
    public Plan {
        changes = List.copyOf(changes);
        renderedBy = renderedBy == null ? List.of() : List.copyOf(renderedBy);
    }

    public Plan(String repository, String commit, String path, String target, String desiredDigest,
            String liveFingerprint, boolean prune, Instant createdAt, List<Change> changes) {
        this(repository, commit, path, target, desiredDigest, liveFingerprint, prune, createdAt, changes, null, null, null,
                List.of());
    }

    /** The same plan, recorded as made by {@code run} (a build URL). */
    public Plan withPlannedBy(String run) {
        return new Plan(repository, commit, path, target, desiredDigest, liveFingerprint, prune, createdAt, changes, run,
                remoteUrl, name, renderedBy);
    }

    /** The same plan, recorded under the environment's name (null: none). */
    public Plan withName(String environmentName) {
        return new Plan(repository, commit, path, target, desiredDigest, liveFingerprint, prune, createdAt, changes,
                plannedBy, remoteUrl, environmentName, renderedBy);
    }

    public PlanSummary summary() {
        return PlanSummary.of(changes);
    }
}
