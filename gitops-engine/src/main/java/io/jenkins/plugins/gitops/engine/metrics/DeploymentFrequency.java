package io.jenkins.plugins.gitops.engine.metrics;

import java.util.List;

/**
 * How often the environment received a change.
 *
 * @param events  the deployments counted
 * @param perDay  deployments per day of the period
 * @param perWeek deployments per 7 days of the period
 */
public record DeploymentFrequency(String definition, List<String> counted, int events, double perDay,
        double perWeek) {
    static final String DEFINITION = "Successful applies that changed at least one resource, divided by the length"
            + " of the period in days and in weeks of 7 days.";
    static final List<String> COUNTED = List.of("apply SUCCEEDED with changed > 0 (entries recorded before"
            + " 'changed' existed count: each was a new revision)");

    public DeploymentFrequency {
        counted = List.copyOf(counted);
    }

    static DeploymentFrequency of(Timeline timeline, MetricsOptions options) {
        int events = (int) timeline.entries().stream()
                .filter(r -> r.deployed() && options.covers(r.appliedAt())).count();
        double perDay = events / options.days();
        return new DeploymentFrequency(DEFINITION, COUNTED, events, perDay, perDay * 7);
    }
}
