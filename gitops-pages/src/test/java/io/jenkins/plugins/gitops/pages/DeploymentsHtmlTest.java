package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentsHtmlTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static final StepRecord.Outcome SUCCEEDED = new StepRecord.Outcome(true, false, 0);
    private static final StepRecord.Outcome FAILED = new StepRecord.Outcome(false, false, 0);
    private static final StepRecord.Outcome DRIFT_FAILED = new StepRecord.Outcome(false, true, 0);
    private static final StepRecord.Outcome DRIFT_REPORTED = new StepRecord.Outcome(true, true, 0);

    /** A call of build {@code build}, {@code minutes} after T0, by alice: {@code creates} created, 1 updated. */
    private static StepRecord record(int build, int minutes, String kind, String name, String target, int creates,
            StepRecord.Outcome outcome) {
        return new StepRecord(new StepRecord.Build(build, "/job/shop/" + build + "/", T0.plusSeconds(60L * minutes),
                "alice"), kind, name, target, "c0ffee" + build + "0000000000", new PlanSummary(creates, 1, 0, 0),
                outcome, null);
    }

    @Test
    void eachEnvironmentShowsItsLastSuccessfulApplyAndItsLastVerify() {
        List<StepRecord> records = List.of(
                record(1, 0, "apply", "staging", "dir:/srv/staging", 3, SUCCEEDED),
                record(2, 10, "apply", "prod", "kubernetes:prod", 2, SUCCEEDED),
                record(3, 20, "apply", "prod", "kubernetes:prod", 0, FAILED),
                record(4, 30, "verify", "staging", "dir:/srv/staging", 0, DRIFT_FAILED));

        List<DeploymentsHtml.Environment> envs = DeploymentsHtml.environments(records);
        String html = DeploymentsHtml.environmentsTable(records);

        assertThat(envs).extracting(DeploymentsHtml.Environment::name).containsExactly("staging", "prod");
        assertThat(envs.get(1).lastApplied()).hasValueSatisfying(r -> assertThat(r.build().number()).isEqualTo(2));
        assertThat(envs.get(1).lastApply()).hasValueSatisfying(r -> assertThat(r.build().number()).isEqualTo(3));
        assertThat(html).contains("<a href=\"/job/shop/2/\">#2</a>", "last apply failed", "drifted (1)",
                "2026-11-01 10:10 UTC", "<code>c0ffee200000</code>");
    }

    @Test
    void historyIsNewestFirstAndWordedAfterTheFact() {
        String html = DeploymentsHtml.historyTable(List.of(
                record(1, 0, "apply", "prod", "k:prod", 3, SUCCEEDED),
                record(2, 5, "plan", "prod", "k:prod", 9, SUCCEEDED),
                record(3, 10, "verify", "prod", "k:prod", 0, SUCCEEDED)));

        assertThat(html.indexOf("#3")).isLessThan(html.indexOf("#1"));
        assertThat(html).contains("3 created, 1 updated, 0 deleted").doesNotContain("#2<", "to create");
    }

    @Test
    void chartDataCountsChangesAndOutcomesPerBuildOldestFirst() {
        String json = DeploymentsHtml.chartJson(List.of(
                record(7, 10, "apply", "prod", "k:prod", 0, FAILED),
                record(5, 0, "apply", "prod", "k:prod", 3, SUCCEEDED),
                record(5, 1, "apply", "staging", "k:staging", 2, SUCCEEDED),
                record(6, 5, "verify", "prod", "k:prod", 0, DRIFT_REPORTED)));

        assertThat(json).isEqualTo("{\"builds\":[\"#5\",\"#7\"],\"created\":[5,0],\"updated\":[2,1],\"deleted\":[0,0],"
                + "\"succeeded\":[2,0],\"failed\":[0,1]}");
    }

    @Test
    void hostileNamesAndUrlsAreEscapedAndNoBuildsSaysSo() {
        StepRecord hostile = new StepRecord(new StepRecord.Build(1, "javascript:alert(1)", T0, "<b>mallory</b>"),
                "apply", "<img src=x>", "\"><script>", "x", new PlanSummary(1, 0, 0, 0), SUCCEEDED, null);

        String html = DeploymentsHtml.environmentsTable(List.of(hostile)) + DeploymentsHtml.historyTable(List.of(hostile));

        assertThat(html).doesNotContain("<img", "<script", "<b>", "javascript:").contains("&lt;b&gt;mallory");
        assertThat(DeploymentsHtml.environmentsTable(List.of())).contains("No build of this job");
    }
}
