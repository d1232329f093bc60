package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.metrics.ChangeFailureRate;
import io.jenkins.plugins.gitops.engine.metrics.DeploymentFrequency;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.LeadTime;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.metrics.TimeToRestore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The words every rendering of the four keys uses (text, Markdown, the deployments view in gitops-pages): one row per
 * figure, its value and what it rests on.
 */
public final class MetricsRows {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    /** One figure: its name, value, what it rests on, and its definition (the change failure rate's with its window). */
    public record Row(String figure, String value, String basis, String definition) {
    }

    private MetricsRows() {
    }

    public static String period(MetricsReport report) {
        return TIME.format(report.since()) + " to " + TIME.format(report.until()) + " (failure window "
                + duration(Duration.parse(report.failureWindow()).toSeconds()) + ")";
    }

    static String heading(EnvironmentMetrics m) {
        return m.environment() + ": " + m.entries() + " history " + (m.entries() == 1 ? "entry" : "entries")
                + " in the period";
    }

    public static List<Row> rows(EnvironmentMetrics m) {
        DeploymentFrequency f = m.deploymentFrequency();
        LeadTime l = m.leadTime();
        ChangeFailureRate c = m.changeFailureRate();
        TimeToRestore t = m.timeToRestore();
        return List.of(
                new Row("deployment frequency", String.format(Locale.ROOT, "%.2f/day, %.2f/week", f.perDay(),
                        f.perWeek()), count(f.events(), "deployment"), f.definition()),
                new Row("lead time for changes", percentiles(l.medianSeconds(), l.p90Seconds()),
                        count(l.events(), "commit") + " in " + count(l.deployments(), "deployment")
                                + (l.withoutBase() > 0 ? "; " + l.withoutBase() + " without an earlier revision" : "")
                                + (l.unresolved() > 0 ? "; " + l.unresolved() + " with commits not in the repository"
                                        : ""), l.definition()),
                new Row("change failure rate", c.rate() == null ? "-"
                        : String.format(Locale.ROOT, "%.1f %%", c.rate() * 100),
                        c.failed() + " of " + count(c.events(), "deployment") + " (" + c.failedApplies()
                                + " failed, " + c.rolledBack() + " rolled back, " + c.fixed() + " fixed)",
                        c.definition() + " Window: " + duration(Duration.parse(c.window()).toSeconds()) + "."),
                new Row("time to restore", percentiles(t.medianSeconds(), t.p90Seconds()),
                        count(t.events(), "restored incident") + (t.open() > 0 ? ", " + t.open() + " still open" : ""),
                        t.definition()));
    }

    private static String percentiles(Long median, Long p90) {
        return median == null ? "-" : "median " + duration(median) + ", p90 " + duration(p90);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Two units at most: 3d 4h, 2h 5m, 4m 10s, 9s. */
    static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            return d + "d " + h + "h";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        return m > 0 ? m + "m " + s + "s" : s + "s";
    }
}
