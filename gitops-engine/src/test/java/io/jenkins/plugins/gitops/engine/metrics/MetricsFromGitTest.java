package io.jenkins.plugins.gitops.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.source.GitCommitLog;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lead time from commits with set times in a real repository, walked by {@link GitCommitLog}. */
class MetricsFromGitTest {
    @TempDir
    Path tmp;

    @Test
    void leadTimeCountsTheCommitsOnThePathBetweenAppliedRevisions() {
        GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"));
        String base = repo.write("envs/prod/app.yaml", "v: 1\n").commit("base", at("2026-03-01T08:00:00Z"));
        String one = repo.write("envs/prod/app.yaml", "v: 2\n").commit("one", at("2026-03-02T08:00:00Z"));
        repo.write("docs/readme.md", "x\n").commit("docs, not prod", at("2026-03-02T09:00:00Z"));
        String two = repo.write("envs/prod/db.yaml", "v: 1\n").commit("two", at("2026-03-02T10:00:00Z"));
        String three = repo.write("envs/prod/app.yaml", "v: 3\n").commit("three", at("2026-03-03T00:00:00Z"));
        repo.close();
        List<Revision> history = List.of(
                applied(base, "2026-03-01T09:00:00Z"),
                applied(two, "2026-03-02T12:00:00Z"),   // brings one (4h) and two (2h), not the docs commit
                applied(three, "2026-03-03T06:00:00Z")); // brings three (6h)
        MetricsOptions march = new MetricsOptions(at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"),
                Duration.ofHours(24));

        LeadTime lead;
        try (GitCommitLog log = GitCommitLog.open(repo.dir().toString())) {
            lead = Metrics.measure("prod", history, log::brought, march).leadTime();
        }

        assertThat(one).isNotEqualTo(two);
        assertThat(lead.events()).isEqualTo(3);
        assertThat(lead.deployments()).isEqualTo(2);
        assertThat(lead.withoutBase()).isEqualTo(1);
        assertThat(lead.medianSeconds()).isEqualTo(Duration.ofHours(4).toSeconds());
        assertThat(lead.p90Seconds()).isEqualTo(Duration.ofHours(6).toSeconds());
    }

    private static Revision applied(String commit, String time) {
        return new Revision(commit, "envs/prod", "sha256:" + commit, at(time), "ci", null, 2);
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }
}
