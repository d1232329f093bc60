package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentsHtmlTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static StepRecord record(int build, int minutes, String kind, String name, String target, boolean success,
            int creates, boolean drifted) {
        return new StepRecord(build, "/job/shop/" + build + "/", T0.plusSeconds(60L * minutes), kind, name, target,
                "c0ffee" + build + "0000000000", "alice", success, creates, 1, 0, drifted, 0, null);
    }

    @Test
    void eachEnvironmentShowsItsLastSuccessfulApplyAndItsLastVerify() {
        List<StepRecord> records = List.of(
                record(1, 0, "apply", "staging", "dir:/srv/staging", true, 3, false),
                record(2, 10, "apply", "prod", "kubernetes:prod", true, 2, false),
                record(3, 20, "apply", "prod", "kubernetes:prod", false, 0, false),
                record(4, 30, "verify", "staging", "dir:/srv/staging", false, 0, true));

        List<DeploymentsHtml.Environment> envs = DeploymentsHtml.environments(records);
        String html = DeploymentsHtml.environmentsTable(records);

        assertThat(envs).extracting(DeploymentsHtml.Environment::name).containsExactly("staging", "prod");
        assertThat(envs.get(1).lastApplied()).hasValueSatisfying(r -> assertThat(r.build()).isEqualTo(2));
        assertThat(envs.get(1).lastApply()).hasValueSatisfying(r -> assertThat(r.build()).isEqualTo(3));
        assertThat(html).contains("<a href=\"/job/shop/2/\">#2</a>", "last apply failed", "drifted (1)",
                "2026-11-01 10:10 UTC", "<code>c0ffee200000</code>");
    }

    @Test
    void historyIsNewestFirstAndWordedAfterTheFact() {
        String html = DeploymentsHtml.historyTable(List.of(
                record(1, 0, "apply", "prod", "k:prod", true, 3, false),
                record(2, 5, "plan", "prod", "k:prod", true, 9, false),
                record(3, 10, "verify", "prod", "k:prod", true, 0, false)));

        assertThat(html.indexOf("#3")).isLessThan(html.indexOf("#1"));
        assertThat(html).contains("3 created, 1 updated, 0 deleted").doesNotContain("#2<", "to create");
    }

    @Test
    void chartDataCountsChangesAndOutcomesPerBuildOldestFirst() {
        String json = DeploymentsHtml.chartJson(List.of(
                record(7, 10, "apply", "prod", "k:prod", false, 0, false),
                record(5, 0, "apply", "prod", "k:prod", true, 3, false),
                record(5, 1, "apply", "staging", "k:staging", true, 2, false),
                record(6, 5, "verify", "prod", "k:prod", true, 0, true)));

        assertThat(json).isEqualTo("{\"builds\":[\"#5\",\"#7\"],\"created\":[5,0],\"updated\":[2,1],\"deleted\":[0,0],"
                + "\"succeeded\":[2,0],\"failed\":[0,1]}");
    }

    @Test
    void hostileNamesAndUrlsAreEscapedAndNoBuildsSaysSo() {
        StepRecord hostile = new StepRecord(1, "javascript:alert(1)", T0, "apply", "<img src=x>", "\"><script>",
                "x", "<b>mallory</b>", true, 1, 0, 0, false, 0, null);

        String html = DeploymentsHtml.environmentsTable(List.of(hostile)) + DeploymentsHtml.historyTable(List.of(hostile));

        assertThat(html).doesNotContain("<img", "<script", "<b>", "javascript:").contains("&lt;b&gt;mallory");
        assertThat(DeploymentsHtml.environmentsTable(List.of())).contains("No build of this job");
    }
}
