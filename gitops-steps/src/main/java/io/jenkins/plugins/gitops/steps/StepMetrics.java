package io.jenkins.plugins.gitops.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.api.MetricsRequest;
import io.jenkins.plugins.gitops.engine.api.Source;
import io.jenkins.plugins.gitops.engine.metrics.DailyMetrics;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.Incident;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.metrics.TimeToRestore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The environment's DORA figures that {@code gitopsApply} and {@code gitopsVerify} report back for the job's
 * deployments view: the four keys over the {@value #DAYS} UTC days ending with the day the step ran, from the
 * target's history and the commit times of the repository the step read, as {@code gitops metrics --since <89 days
 * before today> --until <tomorrow>} prints them in JSON. Every build keeps its own copy, so it is kept small: days
 * without events are left out of the daily series (the view fills them in), and only the newest {@value #INCIDENTS}
 * incidents are listed (the figures count them all).
 */
final class StepMetrics {
    static final int DAYS = 90;
    static final int INCIDENTS = 20;

    private StepMetrics() {
    }

    /** Whole UTC days, today included, so that the chart's last bar is today and the apply just made counts. */
    static MetricsRequest request(StepRequest step, String path, Instant now) {
        Instant until = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new MetricsRequest(new Source(step.repository(), null, path), step.target().spec(),
                until.minus(Duration.ofDays(DAYS)), until, null);
    }

    static String json(MetricsReport report) {
        MetricsReport kept = new MetricsReport(report.since(), report.until(), report.failureWindow(),
                report.environments().stream().map(StepMetrics::kept).toList());
        try {
            return Json.mapper().writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics are plain records", e);
        }
    }

    private static EnvironmentMetrics kept(EnvironmentMetrics m) {
        TimeToRestore t = m.timeToRestore();
        List<Incident> incidents = t.incidents().subList(Math.max(0, t.incidents().size() - INCIDENTS),
                t.incidents().size());
        return new EnvironmentMetrics(m.environment(), m.entries(), m.deploymentFrequency(), m.leadTime(),
                m.changeFailureRate(), new TimeToRestore(t.definition(), t.counted(), t.events(), t.open(),
                        t.medianSeconds(), t.p90Seconds(), incidents),
                m.daily().stream().filter(StepMetrics::hasEvents).toList());
    }

    private static boolean hasEvents(DailyMetrics d) {
        return d.deployments() > 0 || d.attempts() > 0 || d.incidents() > 0 || d.leadTimeMedianSeconds() != null;
    }
}
