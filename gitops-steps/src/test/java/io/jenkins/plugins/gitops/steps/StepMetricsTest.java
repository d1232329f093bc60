package io.jenkins.plugins.gitops.steps;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.metrics.DailyMetrics;
import io.jenkins.plugins.gitops.engine.metrics.EnvironmentMetrics;
import io.jenkins.plugins.gitops.engine.metrics.Metrics;
import io.jenkins.plugins.gitops.engine.metrics.MetricsOptions;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DORA figures an apply or a verify reports back, from the history it just recorded in a real directory target
 * and the commit times of a real repository, over the 90 days ending with the day the step ran.
 */
class StepMetricsTest {
    /** The settings ConfigMap, its color formatted in. */
    private static final String CONFIG_MAP = configMap("settings", "color", "%s");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void twoAppliesOfTwoCommitsReportTheirFrequencyAndLeadTime() throws Exception {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String blue = repo.write("envs/prod/app.yaml", CONFIG_MAP.formatted("blue"))
                    .commit("blue", Instant.parse("2026-03-01T08:00:00Z"));
            StepResponse first = run(request(StepRequest.Operation.APPLY, repo, blue).build());
            String green = repo.write("envs/prod/app.yaml", CONFIG_MAP.formatted("green"))
                    .commit("green", Instant.parse("2026-03-02T06:00:00Z"));
            clock.advance(Duration.ofHours(23)); // 2026-03-02T09:00Z: green went out 3 hours after its commit

            StepResponse second = run(request(StepRequest.Operation.APPLY, repo, green).build());

            EnvironmentMetrics once = figures(first);
            assertThat(once.deploymentFrequency().events()).isEqualTo(1);
            assertThat(once.leadTime().withoutBase()).as("the first deployment has nothing to compare with").isEqualTo(1);
            assertThat(once.leadTime().medianSeconds()).isNull();

            MetricsReport report = report(second);
            EnvironmentMetrics twice = report.environments().get(0);
            assertThat(report.since()).isEqualTo(Instant.parse("2025-12-03T00:00:00Z"));
            assertThat(report.until()).as("today included").isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
            assertThat(twice.environment()).contains(tmp.resolve("target").toString());
            assertThat(twice.deploymentFrequency().events()).isEqualTo(2);
            assertThat(twice.deploymentFrequency().perDay()).isEqualTo(2 / 90.0);
            assertThat(twice.leadTime().events()).isEqualTo(1);
            assertThat(twice.leadTime().medianSeconds()).isEqualTo(Duration.ofHours(3).toSeconds());
            assertThat(twice.leadTime().p90Seconds()).isEqualTo(Duration.ofHours(3).toSeconds());
            assertThat(twice.changeFailureRate().rate()).isEqualTo(0.0);
            assertThat(twice.daily()).as("only the days with events are kept of the 90")
                    .extracting(DailyMetrics::date, DailyMetrics::deployments, DailyMetrics::leadTimeMedianSeconds)
                    .containsExactly(tuple("2026-03-01", 1, null),
                            tuple("2026-03-02", 1, 10_800L));
            assertThat(second.result().updates()).isEqualTo(1);
        }
    }

    /**
     * The usual overlay layout: {@code envs/prod} builds on {@code ../../base}. A commit that changes only the base is
     * deployed to prod and counts in its lead time; a commit that changes no file rendering into prod does not.
     */
    @Test
    void aCommitThatChangesOnlyTheBaseOfAnOverlayCountsInItsLeadTime() throws Exception {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String blue = repo.write("base/kustomization.yaml", "resources:\n- app.yaml\n")
                    .write("base/app.yaml", CONFIG_MAP.formatted("blue"))
                    .write("envs/prod/kustomization.yaml", "resources:\n- ../../base\n")
                    .write("envs/staging/kustomization.yaml", "resources:\n- ../../base\n")
                    .commit("blue", Instant.parse("2026-03-01T08:00:00Z"));
            assertThat(run(request(StepRequest.Operation.APPLY, repo, blue).build()).success()).as(log.toString())
                    .isTrue();
            repo.write("README.md", "# shop\n").commit("docs", Instant.parse("2026-03-02T05:00:00Z"));
            repo.write("envs/staging/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: s-\n")
                    .commit("staging only", Instant.parse("2026-03-02T05:30:00Z"));
            String green = repo.write("base/app.yaml", CONFIG_MAP.formatted("green"))
                    .commit("green in the base", Instant.parse("2026-03-02T06:00:00Z"));
            clock.advance(Duration.ofHours(23));

            StepResponse second = run(request(StepRequest.Operation.APPLY, repo, green).build());

            EnvironmentMetrics prod = figures(second);
            assertThat(second.result().updates()).isEqualTo(1);
            assertThat(prod.leadTime().events()).as("the base commit only").isEqualTo(1);
            assertThat(prod.leadTime().medianSeconds()).isEqualTo(Duration.ofHours(3).toSeconds());
        }
    }

    @Test
    void aFailedApplyCountsInTheChangeFailureRateAndTheNextSuccessRestores() throws Exception {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo")); FakeApiServer api = new FakeApiServer()) {
            StepTarget cluster = new StepTarget.Kubernetes(api.writeKubeconfig(tmp.resolve("kubeconfig")).toString(),
                    null, null, false, false);
            String blue = repo.write("envs/prod/app.yaml", namespace() + CONFIG_MAP.formatted("blue")).commit("blue");
            assertThat(run(request(StepRequest.Operation.APPLY, repo, blue, cluster).build()).success()).isTrue();
            String green = repo.write("envs/prod/app.yaml", namespace() + CONFIG_MAP.formatted("green")).commit("green");
            api.fail("PATCH", "/api/v1/namespaces/shop/configmaps/settings", 403, Map.of("kind", "Status",
                    "apiVersion", "v1", "status", "Failure", "code", 403, "reason", "Forbidden",
                    "message", "configmaps is forbidden"), 1);
            clock.advance(Duration.ofHours(1));

            StepResponse failed = run(request(StepRequest.Operation.APPLY, repo, green, cluster).build());

            assertThat(failed.success()).isFalse();
            assertThat(failed.error()).as("a failed apply, not refused input").isNull();
            EnvironmentMetrics afterFailure = figures(failed);
            assertThat(afterFailure.environment()).contains("envs-prod");
            assertThat(afterFailure.changeFailureRate().failedApplies()).isEqualTo(1);
            assertThat(afterFailure.changeFailureRate().events()).isEqualTo(2);
            assertThat(afterFailure.changeFailureRate().rate()).isEqualTo(0.5);
            assertThat(afterFailure.timeToRestore().open()).isEqualTo(1);

            clock.advance(Duration.ofHours(2));
            StepResponse verified = run(request(StepRequest.Operation.VERIFY, repo, green, cluster).build());
            StepResponse fixed = run(request(StepRequest.Operation.APPLY, repo, green, cluster).build());

            assertThat(verified.metrics()).as("a verify reports the figures too").isNotNull();
            EnvironmentMetrics afterFix = figures(fixed);
            assertThat(afterFix.changeFailureRate().failed()).isEqualTo(1);
            assertThat(afterFix.changeFailureRate().events()).isEqualTo(3);
            assertThat(afterFix.timeToRestore().events()).isEqualTo(1);
            assertThat(afterFix.timeToRestore().medianSeconds()).isEqualTo(Duration.ofHours(2).toSeconds());
        }
    }

    @Test
    void figuresThatCannotBeComputedLeaveTheStepsResultAsItWasAndSaySo() {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String blue = repo.write("envs/prod/app.yaml", CONFIG_MAP.formatted("blue")).commit("blue");
            Clock broken = new Clock() {
                @Override
                public Instant instant() {
                    throw new IllegalStateException("no time source");
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }
            };
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

            StepResponse response = new StepRunner(out, new Gitops(StepRunner.progress(out)), broken)
                    .run(request(StepRequest.Operation.APPLY, repo, blue).build());

            assertThat(response.success()).isTrue();
            assertThat(response.error()).isNull();
            assertThat(response.result().creates()).isEqualTo(1);
            assertThat(response.metrics()).isNull();
            assertThat(log.toString(StandardCharsets.UTF_8)).contains(
                    "[gitops] WARNING: no deployment figures for the deployments view:",
                    "IllegalStateException: no time source");
        }
    }

    @Test
    void aPlanReportsNoFigures() {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String blue = repo.write("envs/prod/app.yaml", CONFIG_MAP.formatted("blue")).commit("blue");

            assertThat(run(request(StepRequest.Operation.PLAN, repo, blue).build()).metrics()).isNull();
        }
    }

    @Test
    void whatABuildKeepsStaysSmallTheFiguresStillCountEverything() throws Exception {
        // 30 incidents in March: each day an apply fails at 10:00 and the next one succeeds at 11:00.
        List<Revision> history = new ArrayList<>();
        for (int day = 1; day <= 30; day++) {
            Instant failed = Instant.parse("2026-03-01T10:00:00Z").plus(Duration.ofDays(day - 1));
            history.add(Revision.builder().commit("c" + day).path("envs/prod").desiredDigest("d").appliedAt(failed)
                    .user("ci").resources(1).result(Revision.Result.FAILED).errorClass("resource").changed(1).build());
            history.add(new Revision("c" + day, "envs/prod", "d", failed.plusSeconds(3600), "ci", null, 1));
        }
        MetricsOptions period = new MetricsOptions(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-04-01T00:00:00Z"), Duration.ofHours(24));
        MetricsReport full = Metrics.report(period, List.of(Metrics.measure("prod", history,
                (applied, before, path) -> Optional.of(List.of()), period)));

        EnvironmentMetrics kept = Json.mapper().readValue(StepMetrics.json(full), MetricsReport.class)
                .environments().get(0);

        EnvironmentMetrics all = full.environments().get(0);
        assertThat(all.daily()).hasSize(90);
        assertThat(kept.daily()).as("the 30 days with events of 90").hasSize(30)
                .isEqualTo(all.daily().stream().filter(d -> d.attempts() > 0).toList());
        assertThat(kept.timeToRestore().incidents()).hasSize(StepMetrics.INCIDENTS)
                .isEqualTo(all.timeToRestore().incidents().subList(10, 30));
        assertThat(kept.timeToRestore().events()).isEqualTo(30);
        assertThat(kept.timeToRestore().medianSeconds()).isEqualTo(3600);
        assertThat(kept.changeFailureRate()).isEqualTo(all.changeFailureRate());
    }

    private StepResponse run(StepRequest request) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new StepRunner(out, new Gitops(StepRunner.progress(out), clock, Duration.ofMillis(10)), clock)
                .run(request);
    }

    private static MetricsReport report(StepResponse response) throws Exception {
        assertThat(response.metrics()).isNotNull();
        return Json.mapper().readValue(response.metrics(), MetricsReport.class);
    }

    private static EnvironmentMetrics figures(StepResponse response) throws Exception {
        return report(response).environments().get(0);
    }

    private StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, String commit) {
        return request(operation, repo, commit, StepRequests.directory(tmp));
    }

    private StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, String commit,
            StepTarget target) {
        return StepRequests.of(operation, repo, commit, "envs/prod", target, "alice");
    }
}
