package io.jenkins.plugins.gitops.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.metrics.DailyMetrics;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.report.Escape;
import io.jenkins.plugins.gitops.engine.report.MetricsRows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The deployments view's DORA figures: per environment, the four keys its newest apply or verify reported (each
 * with its definition as the title, and what it rests on), and the data of its chart over time. A build reports
 * the figures of a period ending when it ran, so the newest report is the current one; older builds' reports are
 * not merged (their periods overlap).
 */
public final class MetricsHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A chart's lead-time axis: the largest unit in which the day medians still read as numbers above 2. */
    enum Unit {
        MINUTES(60), HOURS(3600), DAYS(86_400);

        final long seconds;

        Unit(long seconds) {
            this.seconds = seconds;
        }

        static Unit fitting(long maxSeconds) {
            return maxSeconds >= 2 * DAYS.seconds ? DAYS : maxSeconds >= 2 * HOURS.seconds ? HOURS : MINUTES;
        }
    }

    private MetricsHtml() {
    }

    /**
     * One card per environment (in the order of {@link DeploymentsHtml#environments}), "" when no build ran a GitOps
     * step. An environment whose builds reported no figures (only planned, or the figures could not be computed)
     * says so.
     */
    public static String section(List<StepRecord> records) {
        StringBuilder out = new StringBuilder();
        for (DeploymentsHtml.Environment env : DeploymentsHtml.environments(records)) {
            Optional<StepRecord> from = records.stream().filter(r -> r.metrics() != null
                    && Objects.equals(r.target(), env.target())).sorted(DeploymentsHtml.newestFirst()).findFirst();
            Optional<MetricsReport> report = from.flatMap(r -> read(r.metrics()));
            out.append("<div class=\"jenkins-card gitops-metrics\"><div class=\"jenkins-card__content\">\n")
                    .append("<h3 class=\"gitops-metrics-title\">").append(Escape.html(env.name()))
                    .append(" <code>").append(Escape.html(env.target())).append("</code></h3>\n");
            if (report.isEmpty() || report.get().environments().isEmpty()) {
                out.append("<p class=\"gitops-empty\">No figures: they are reported by gitopsApply and gitopsVerify,"
                        + " and no build of this environment reported them.</p>\n");
            } else {
                out.append(card(report.get(), report.get().environments().get(0), from.get()));
            }
            out.append("</div></div>\n");
        }
        return out.toString();
    }

    private static String card(MetricsReport report, EnvironmentMetrics m, StepRecord from) {
        StringBuilder out = new StringBuilder("<p class=\"gitops-when\">")
                .append(Escape.html(MetricsRows.period(report))).append(", reported by ")
                .append(DeploymentsHtml.buildLink(from)).append(" at ").append(TIME.format(from.build().time()))
                .append("</p>\n<dl class=\"gitops-figures\">\n");
        for (MetricsRows.Row row : MetricsRows.rows(m)) {
            out.append("<div class=\"gitops-figure\" title=\"").append(Escape.html(row.definition()))
                    .append("\"><dt>").append(Escape.html(capitalized(row.figure()))).append("</dt><dd class=\"")
                    .append("gitops-figure-value\">").append(Escape.html(row.value())).append("</dd><dd>")
                    .append(Escape.html(row.basis())).append("</dd></div>\n");
        }
        return out.append("</dl>\n<div class=\"gitops-chart gitops-metrics-chart\" role=\"img\" aria-label=\"")
                .append("Deployments and failures per day, and the median lead time, of ")
                .append(Escape.html(m.environment())).append("\" data-gitops-metrics=\"")
                .append(Escape.html(chartJson(report, m))).append("\"></div>\n").toString();
    }

    /**
     * The chart's data, one entry per UTC day of the period, oldest first: the deployments, the attempts counted
     * as failed (null on days without), and the median lead time of the commits deployed that day in
     * {@code leadTimeUnit} (null on days without). Days the stored report left out had no events. Numbers and dates
     * only.
     */
    public static String chartJson(MetricsReport report, EnvironmentMetrics m) {
        Map<String, DailyMetrics> byDate = new HashMap<>();
        m.daily().forEach(d -> byDate.put(d.date(), d));
        long maxLead = m.daily().stream().map(DailyMetrics::leadTimeMedianSeconds).filter(Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(0);
        Unit unit = Unit.fitting(maxLead);
        StringBuilder dates = new StringBuilder();
        StringBuilder deployments = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        StringBuilder lead = new StringBuilder();
        LocalDate last = day(report.until().minusNanos(1));
        for (LocalDate d = day(report.since()); !d.isAfter(last); d = d.plusDays(1)) {
            String sep = dates.isEmpty() ? "" : ",";
            DailyMetrics day = byDate.get(d.toString());
            dates.append(sep).append('"').append(d).append('"');
            deployments.append(sep).append(day == null ? 0 : day.deployments());
            failed.append(sep).append(day == null || day.failed() == 0 ? "null" : String.valueOf(day.failed()));
            lead.append(sep).append(day == null || day.leadTimeMedianSeconds() == null ? "null"
                    : String.format(Locale.ROOT, "%.2f", (double) day.leadTimeMedianSeconds() / unit.seconds));
        }
        return "{\"dates\":[" + dates + "],\"deployments\":[" + deployments + "],\"failed\":[" + failed
                + "],\"leadTime\":[" + lead + "],\"leadTimeUnit\":\"" + unit.name().toLowerCase(Locale.ROOT) + "\"}";
    }

    /** A stored report; empty when it does not read (then the view shows no figures rather than failing). */
    static Optional<MetricsReport> read(String json) {
        try {
            return Optional.ofNullable(Json.mapper().readValue(json, MetricsReport.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String capitalized(String figure) {
        return Character.toUpperCase(figure.charAt(0)) + figure.substring(1);
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
