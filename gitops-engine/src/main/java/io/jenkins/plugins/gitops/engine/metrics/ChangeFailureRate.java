package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The share of deployments that failed or needed remediation.
 *
 * @param window        how long after a deployment a rollback or a fix still counts it as failed (ISO-8601)
 * @param events        the attempts counted: deployments and failed applies
 * @param failed        attempts that failed or were remediated; {@code failedApplies + rolledBack + fixed}
 * @param failedApplies applies that failed
 * @param rolledBack    deployments followed within the window by a rollback to a revision applied before them
 * @param fixed         deployments found unhealthy within the window and replaced by a new revision in it
 * @param rate          {@code failed / events}, null without events
 */
public record ChangeFailureRate(String definition, List<String> counted, String window, int events, int failed,
        int failedApplies, int rolledBack, int fixed, @Nullable Double rate) {
    static final String DEFINITION = "Failed applies, plus deployments followed within the window by a rollback"
            + " (an apply of a commit applied before the deployment) or by a fix (a verify of the deployed revision"
            + " found it unhealthy, and the next apply that restored the environment, within the window, deployed a"
            + " new revision), divided by all deployments and failed applies.";
    static final List<String> COUNTED = List.of("apply FAILED", "apply SUCCEEDED with changed > 0",
            "rollbacks and recorded verify UNHEALTHY of the applied revision, to find remediated deployments");

    public ChangeFailureRate {
        counted = List.copyOf(counted);
    }

    /** One deployment or failed apply, and whether it counts as failed. */
    record Attempt(Instant at, boolean failed) {
    }

    /** The figure, and its attempts for the daily series. */
    record Measured(ChangeFailureRate figure, List<Attempt> attempts) {
    }

    private enum Remedy {
        NONE, ROLLBACK, FIX
    }

    static Measured measure(Timeline timeline, MetricsOptions options) {
        List<Attempt> attempts = new ArrayList<>();
        int failedApplies = 0;
        int rolledBack = 0;
        int fixed = 0;
        for (int i = 0; i < timeline.size(); i++) {
            Revision r = timeline.get(i);
            if (!timeline.attempt(i) || !options.covers(r.appliedAt())) {
                continue;
            }
            boolean failed;
            if (r.result() == Revision.Result.FAILED) {
                failedApplies++;
                failed = true;
            } else {
                Remedy remedy = remedy(timeline, i, r.appliedAt().plus(options.failureWindow()));
                rolledBack += remedy == Remedy.ROLLBACK ? 1 : 0;
                fixed += remedy == Remedy.FIX ? 1 : 0;
                failed = remedy != Remedy.NONE;
            }
            attempts.add(new Attempt(r.appliedAt(), failed));
        }
        int failed = failedApplies + rolledBack + fixed;
        Double rate = attempts.isEmpty() ? null : (double) failed / attempts.size();
        return new Measured(new ChangeFailureRate(DEFINITION, COUNTED, options.failureWindow().toString(),
                attempts.size(), failed, failedApplies, rolledBack, fixed, rate), attempts);
    }

    /**
     * What remediated deployment {@code i} before {@code end}. A rollback to a revision from before it undoes it even
     * after later deployments; a fix only counts while it is still the revision applied.
     */
    private static Remedy remedy(Timeline timeline, int i, Instant end) {
        Revision deployed = timeline.get(i);
        boolean applied = true;
        boolean unhealthy = false;
        for (int j = i + 1; j < timeline.size() && !timeline.get(j).appliedAt().isAfter(end); j++) {
            Revision e = timeline.get(j);
            boolean sameCommit = e.commit().equals(deployed.commit());
            if (e.deployed() && timeline.rollback(j) && !sameCommit && timeline.appliedBefore(i, e.commit())) {
                return Remedy.ROLLBACK;
            }
            if (applied && e.event() == Revision.Event.APPLY && e.result() == Revision.Result.SUCCEEDED) {
                if (unhealthy && !sameCommit && !timeline.rollback(j)) {
                    return Remedy.FIX;
                }
                applied = sameCommit;
                unhealthy = false;
            } else if (applied && timeline.verifiesApplied(j)) {
                unhealthy = e.result() == Revision.Result.UNHEALTHY || unhealthy && e.result() != Revision.Result.CLEAN;
            }
        }
        return Remedy.NONE;
    }
}
