package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.metrics.Metrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsOptions;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.source.CommitTime;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Revision.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    private static final MetricsOptions WEEK = new MetricsOptions(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-08T00:00:00Z"), Duration.ofHours(24));

    /** Two deployments a day apart, the second failing first: every figure has a value. */
    private static MetricsReport report(String environment) {
        List<Revision> history = List.of(
                new Revision("a", "envs/prod", "d1", Instant.parse("2026-03-01T10:00:00Z"), "ci", null, 2),
                Revision.builder().commit("b").path("envs/prod").desiredDigest("d2")
                        .appliedAt(Instant.parse("2026-03-02T10:00:00Z")).user("ci").resources(2).result(Result.FAILED)
                        .errorClass("TargetException").changed(1).build(),
                new Revision("b", "envs/prod", "d2", Instant.parse("2026-03-02T11:30:00Z"), "ci", null, 2));
        return Metrics.report(WEEK, List.of(Metrics.measure(environment, history,
                (applied, before, path) -> Optional.of(List.of(new CommitTime("b", Instant.parse("2026-03-02T09:30:00Z")))),
                WEEK)));
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
