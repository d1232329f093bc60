package io.jenkins.plugins.gitops.pages;

import java.time.Instant;

/**
 * What a build kept of one step call, enough for a per-job deployments view without asking any target:
 * the build (number and site-relative URL), when, which step ({@code plan}, {@code apply}, {@code verify}),
 * the environment's name and target, the commit, who started it, and the outcome; for an apply or a verify, the
 * environment's DORA figures it reported ({@link io.jenkins.plugins.gitops.engine.metrics.MetricsReport} as JSON),
 * or null when it reported none.
 */
public record StepRecord(int build, String buildUrl, Instant time, String kind, String name, String target,
        String commit, String user, boolean success, int creates, int updates, int deletes, boolean drifted,
        int unhealthy, String metrics) {
    public boolean isApply() {
        return "apply".equals(kind);
    }

    public boolean isVerify() {
        return "verify".equals(kind);
    }
}
