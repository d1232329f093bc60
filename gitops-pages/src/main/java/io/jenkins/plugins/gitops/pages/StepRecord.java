package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import java.time.Instant;

/**
 * What a build kept of one step call, enough for a per-job deployments view without asking any target:
 * the build, which step ({@code plan}, {@code apply}, {@code verify}), the environment's name and target, the commit,
 * what the call created, updated and deleted (or, for a verify, found to differ), and its outcome; for an apply or a
 * verify, the environment's DORA figures it reported ({@link io.jenkins.plugins.gitops.engine.metrics.MetricsReport}
 * as JSON), or null when it reported none.
 */
public record StepRecord(Build build, String kind, String name, String target, String commit, PlanSummary changes,
        Outcome outcome, String metrics) {

    /** The build that made the call: its number, its site-relative URL, when the call ran and who started the build. */
    public record Build(int number, String url, Instant time, String user) {
    }

    /**
     * How the call ended: whether it succeeded, whether a verify found drift (which fails it only with
     * {@code failOnDrift}), and how many resources were unhealthy.
     */
    public record Outcome(boolean success, boolean drifted, int unhealthy) {
    }

    public boolean isApply() {
        return "apply".equals(kind);
    }

    public boolean isVerify() {
        return "verify".equals(kind);
    }
}
