package io.jenkins.plugins.gitops.engine.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The figures of one or more environments over one period. This is the JSON {@code gitops metrics -o json} prints
 * and the Jenkins deployments view renders; times are ISO-8601 UTC, durations whole seconds or ISO-8601 periods.
 *
 * @param since          start of the period, inclusive
 * @param until          end of the period, exclusive
 * @param failureWindow  the change failure rate's window (ISO-8601, e.g. {@code PT24H})
 */
public record MetricsReport(Instant since, Instant until, String failureWindow, List<EnvironmentMetrics> environments) {
    public MetricsReport {
        environments = List.copyOf(environments);
    }
}
