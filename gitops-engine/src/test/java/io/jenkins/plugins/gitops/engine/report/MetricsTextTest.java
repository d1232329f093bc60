package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.metrics.History;
import io.jenkins.plugins.gitops.engine.metrics.Metrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsOptions;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    private static final MetricsOptions WEEK = new MetricsOptions(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-08T00:00:00Z"), Duration.ofHours(24));

    /** Two deployments a day apart, the second failing first: every figure has a value. */
    private static MetricsReport report(String environment) {
        History history = new History().old("a", "2026-03-01T10:00:00Z").failedApply("b", "2026-03-02T10:00:00Z")
                .old("b", "2026-03-02T11:30:00Z", History.commit("b", "2026-03-02T09:30:00Z"));
        return Metrics.report(WEEK, List.of(Metrics.measure(environment, history.entries(), history.log(), WEEK)));
    }

    @Test
    void textShowsEachFigureWithWhatItRestsOn() {
        String text = MetricsText.render(report("dir:/srv/prod"));

        assertThat(text).startsWith("DORA metrics, 2026-03-01 00:00Z to 2026-03-08 00:00Z (failure window 1d 0h)\n\n"
                + "dir:/srv/prod: 3 history entries in the period\n");
        assertThat(text).containsPattern("deployment frequency +0\\.29/day, 2\\.00/week +2 deployments\n");
        assertThat(text).containsPattern("lead time for changes +median 2h 0m, p90 2h 0m +1 commit in 1 deployment;"
                + " 1 without an earlier revision\n");
        assertThat(text).containsPattern("change failure rate +33\\.3 % +1 of 3 deployments \\(1 failed, 0 rolled"
                + " back, 0 fixed\\)\n");
        assertThat(text).containsPattern("time to restore +median 1h 30m, p90 1h 30m +1 restored incident\n");
    }

    @Test
    void markdownIsATablePerEnvironmentWithTheNameEscaped() {
        String md = MetricsMarkdown.render(report("prod|*x*"));

        assertThat(md).contains("**prod\\|\\*x\\*: 3 history entries in the period**\n\n| figure | value | based on |\n");
        assertThat(md).contains("| change failure rate | 33.3 % | 1 of 3 deployments (1 failed, 0 rolled back, 0 fixed) |\n");
    }
}
