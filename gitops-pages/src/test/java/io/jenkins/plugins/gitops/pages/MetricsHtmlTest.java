package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.metrics.DailyMetrics;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.History;
import io.jenkins.plugins.gitops.engine.metrics.Metrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsOptions;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsHtmlTest {
    private static final MetricsOptions THREE_DAYS = new MetricsOptions(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-04T00:00:00Z"), Duration.ofHours(24));
    private static final Instant T0 = Instant.parse("2026-03-03T12:00:00Z");

    /**
     * Deployed on the 1st (no earlier revision), failed then deployed on the 2nd (its commit made 3 hours before): 2
     * deployments, a lead time of 3 hours, 1 of 3 attempts failed, restored after 2 hours.
     */
    static MetricsReport report(String environment) {
        History history = new History().old("a", "2026-03-01T10:00:00Z").failedApply("b", "2026-03-02T10:00:00Z")
                .old("b", "2026-03-02T12:00:00Z", History.commit("b", "2026-03-02T09:00:00Z"));
        return Metrics.report(THREE_DAYS, List.of(Metrics.measure(environment, history.entries(), history.log(),
                THREE_DAYS)));
    }

    private static String json(MetricsReport report) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(report);
    }

    private static StepRecord record(int build, int minutes, String kind, String name, String target, String metrics) {
        return new StepRecord(new StepRecord.Build(build, "/job/shop/" + build + "/", T0.plusSeconds(60L * minutes),
                "alice"), kind, name, target, "c0ffee", new PlanSummary(0, 0, 0, 0),
                new StepRecord.Outcome(true, false, 0), metrics);
    }

    @Test
    void eachEnvironmentShowsTheFourFiguresItsNewestBuildReportedWithTheirDefinitions() throws Exception {
        String older = json(Metrics.report(THREE_DAYS, List.of(Metrics.measure("dir:/srv/prod", List.of(),
                (applied, before, path) -> Optional.empty(), THREE_DAYS))));
        List<StepRecord> records = List.of(
                record(1, 0, "apply", "prod", "dir:/srv/prod", older),
                record(2, 10, "verify", "prod", "dir:/srv/prod", json(report("dir:/srv/prod"))),
                record(3, 20, "plan", "prod", "dir:/srv/prod", null),
                record(4, 30, "plan", "staging", "dir:/srv/staging", null));

        String html = MetricsHtml.section(records);

        // Environments come newest first: staging (planned last), then prod.
        String staging = html.substring(0, html.indexOf("dir:/srv/prod"));
        String prod = html.substring(html.indexOf("dir:/srv/prod"));
        assertThat(prod).contains("reported by <a href=\"/job/shop/2/\">#2</a> at 2026-03-03 12:10 UTC",
                "2026-03-01 00:00Z to 2026-03-04 00:00Z (failure window 1d 0h)",
                "<dt>Deployment frequency</dt><dd class=\"gitops-figure-value\">0.67/day, 4.67/week</dd><dd>2 deployments</dd>",
                "<dt>Lead time for changes</dt><dd class=\"gitops-figure-value\">median 3h 0m, p90 3h 0m</dd>",
                "<dt>Change failure rate</dt><dd class=\"gitops-figure-value\">33.3 %</dd>"
                        + "<dd>1 of 3 deployments (1 failed, 0 rolled back, 0 fixed)</dd>",
                "<dt>Time to restore</dt><dd class=\"gitops-figure-value\">median 2h 0m, p90 2h 0m</dd>"
                        + "<dd>1 restored incident</dd>",
                "title=\"Successful applies that changed at least one resource",
                "divided by all deployments and failed applies. Window: 1d 0h.\"",
                "data-gitops-metrics=\"{&quot;dates&quot;:[&quot;2026-03-01&quot;,");
        assertThat(staging).contains("dir:/srv/staging", "No figures").doesNotContain("gitops-figure");
    }

    @Test
    void theChartHasEveryDayOfThePeriodEvenWhenTheStoredReportKeptOnlyTheDaysWithEvents() {
        MetricsReport full = report("prod");
        EnvironmentMetrics m = full.environments().get(0);
        List<DailyMetrics> withEvents = m.daily().stream().filter(d -> d.attempts() > 0).toList();
        EnvironmentMetrics sparse = new EnvironmentMetrics(m.environment(), m.entries(), m.deploymentFrequency(),
                m.leadTime(), m.changeFailureRate(), m.timeToRestore(), withEvents);

        String expected = "{\"dates\":[\"2026-03-01\",\"2026-03-02\",\"2026-03-03\"],\"deployments\":[1,1,0],"
                + "\"failed\":[null,1,null],\"leadTime\":[null,3.00,null],\"leadTimeUnit\":\"hours\"}";
        assertThat(withEvents).hasSize(2);
        assertThat(MetricsHtml.chartJson(full, m)).isEqualTo(expected);
        assertThat(MetricsHtml.chartJson(full, sparse)).isEqualTo(expected);
    }

    @Test
    void leadTimesAreChartedInTheLargestUnitThatStillReadsAsANumberAboveTwo() {
        assertThat(MetricsHtml.Unit.fitting(Duration.ofMinutes(119).toSeconds())).isEqualTo(MetricsHtml.Unit.MINUTES);
        assertThat(MetricsHtml.Unit.fitting(Duration.ofHours(2).toSeconds())).isEqualTo(MetricsHtml.Unit.HOURS);
        assertThat(MetricsHtml.Unit.fitting(Duration.ofDays(3).toSeconds())).isEqualTo(MetricsHtml.Unit.DAYS);
    }

    @Test
    void aStoredReportReadsBackAsItWasWritten() throws Exception {
        MetricsReport report = report("prod");

        assertThat(MetricsHtml.read(json(report))).contains(report);
    }

    @Test
    void hostileNamesAreEscapedAndAnUnreadableReportShowsNoFigures() throws Exception {
        String html = MetricsHtml.section(List.of(
                record(1, 0, "apply", "<img src=x>", "\"><script>", json(report("\"><script>"))),
                record(2, 0, "apply", "prod", "dir:/srv/prod", "{not json")));

        assertThat(html).doesNotContain("<img", "<script").contains("&lt;img src=x&gt;", "&quot;&gt;&lt;script&gt;");
        assertThat(html.substring(html.indexOf("/srv/prod"))).contains("No figures");
        assertThat(MetricsHtml.section(List.of())).isEmpty();
    }
}
