package io.jenkins.plugins.gitops.engine.verify;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Adds a verify's result to the target's history (for time to restore and the change failure rate), under the
 * target's lock so that it neither loses an apply's entry nor is lost by one. A target locked by a running apply is
 * not waited for: a verify in the middle of an apply describes neither revision, so it is left out with a warning.
 */
public final class VerifyRecorder {
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final Target target;
    private final Clock clock;
    private final Progress progress;

    public VerifyRecorder(Target target, Clock clock, Progress progress) {
        this.target = target;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Records the result; returns the entry, or empty when the target was locked or stages its writes (a Git branch,
     * where every recorded verify would be a commit for the agents that pull it). {@code buildUrl} may be null.
     */
    public Optional<Revision> record(VerifyResult result, String user, @Nullable String buildUrl, int historyLimit) {
        if (target.capabilities().stagesWrites()) {
            return Optional.empty();
        }
        try (TargetLock lock = target.lock(user + " (verify)", LEASE)) {
            Revision entry = entry(result, user, buildUrl);
            Inventory before = target.readInventory();
            target.writeInventory(before.withRevision(before.resources(), entry, historyLimit));
            return Optional.of(entry);
        } catch (TargetLockedException e) {
            progress.warn("the verify result was not recorded in the history: the target is locked by "
                    + e.heldBy().holder() + ", so an apply is running and the result describes neither revision");
            return Optional.empty();
        }
    }

    private Revision entry(VerifyResult result, String user, @Nullable String buildUrl) {
        Plan plan = result.plan();
        Revision.Result outcome = !result.unhealthy().isEmpty() ? Revision.Result.UNHEALTHY
                : result.inSync() ? Revision.Result.CLEAN : Revision.Result.DRIFT;
        int desired = (int) plan.changes().stream().filter(c -> c.action() != Action.DELETE).count();
        return Revision.builder().commit(plan.commit()).path(plan.path()).desiredDigest(plan.desiredDigest())
                .appliedAt(clock.instant()).user(user).buildUrl(buildUrl).resources(desired)
                .event(Revision.Event.VERIFY).result(outcome).plannedAt(plan.createdAt())
                .changed(result.drifted().size()).build();
    }
}
