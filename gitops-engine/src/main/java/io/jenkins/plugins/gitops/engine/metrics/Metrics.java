package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.util.List;

/**
 * DORA's four keys from a target's history and the commit times Git knows: pure computation, no I/O but what
 * {@link CommitLog} does. Definitions: README.md, "gitops metrics", and each figure's {@code definition}.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * The figures of one environment.
     *
     * @param history the target's history, oldest first, as recorded (entries before the period are needed too)
     */
    public static EnvironmentMetrics measure(String environment, List<Revision> history, CommitLog commits,
            MetricsOptions options) {
        Timeline timeline = new Timeline(history, options.until());
        LeadTime.Measured lead = LeadTime.measure(timeline, commits, options);
        ChangeFailureRate.Measured failures = ChangeFailureRate.measure(timeline, options);
        TimeToRestore restore = TimeToRestore.measure(timeline, options);
        int entries = (int) timeline.entries().stream().filter(r -> options.covers(r.appliedAt())).count();
        return new EnvironmentMetrics(environment, entries, DeploymentFrequency.of(timeline, options), lead.figure(),
                failures.figure(), restore, DailyMetrics.series(options, timeline, lead, failures, restore));
    }

    /** A report of the given environments' figures over the period of {@code options}. */
    public static MetricsReport report(MetricsOptions options, List<EnvironmentMetrics> environments) {
        return new MetricsReport(options.since(), options.until(), options.failureWindow().toString(), environments);
    }
}
