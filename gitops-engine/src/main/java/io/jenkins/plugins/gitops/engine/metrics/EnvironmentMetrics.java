package io.jenkins.plugins.gitops.engine.metrics;

import java.util.List;

/**
 * DORA's four keys for one environment (one target's history) over the period, and the same events day by day.
 *
 * @param environment what the figures are about, e.g. the target's identity and path
 * @param entries     the history entries of the period (every kind), to tell "nothing happened" from "no history"
 */
public record EnvironmentMetrics(String environment, int entries, DeploymentFrequency deploymentFrequency,
        LeadTime leadTime, ChangeFailureRate changeFailureRate, TimeToRestore timeToRestore,
        List<DailyMetrics> daily) {
    public EnvironmentMetrics {
        daily = List.copyOf(daily);
    }
}
