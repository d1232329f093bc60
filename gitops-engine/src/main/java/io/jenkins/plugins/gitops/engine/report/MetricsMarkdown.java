package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;

/** The four keys as Markdown: a table per environment. */
public final class MetricsMarkdown {
    private MetricsMarkdown() {
    }

    public static String render(MetricsReport report) {
        StringBuilder s = new StringBuilder("### DORA metrics\n\n" + MetricsRows.period(report) + "\n");
        for (EnvironmentMetrics m : report.environments()) {
            s.append("\n**").append(Escape.markdown(MetricsRows.heading(m))).append("**\n\n")
                    .append("| figure | value | based on |\n|---|---|---|\n");
            for (MetricsRows.Row row : MetricsRows.rows(m)) {
                s.append("| ").append(row.figure()).append(" | ").append(row.value()).append(" | ")
                        .append(row.basis()).append(" |\n");
            }
        }
        return s.toString();
    }
}
