package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;

/** The four keys as terminal text, one block per environment. */
public final class MetricsText {
    private MetricsText() {
    }

    public static String render(MetricsReport report) {
        StringBuilder s = new StringBuilder("DORA metrics, " + MetricsRows.period(report) + "\n");
        for (EnvironmentMetrics m : report.environments()) {
            s.append('\n').append(Escape.printable(MetricsRows.heading(m))).append('\n');
            for (MetricsRows.Row row : MetricsRows.rows(m)) {
                s.append(String.format("  %-22s  %-28s  %s%n", row.figure(), row.value(), row.basis()));
            }
        }
        return s.toString();
    }
}
