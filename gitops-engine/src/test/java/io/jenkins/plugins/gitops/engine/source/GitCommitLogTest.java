package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitLogTest {
    private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:30:00Z");
    private static final Instant T3 = Instant.parse("2026-03-02T08:15:00Z");
    private static final Instant T4 = Instant.parse("2026-03-02T11:00:00Z");

    @TempDir
    Path tmp;

    private GitRepoFixture repo;
    private String first;
    private String staging;
    private String prod;
    private String prodAgain;

    @BeforeEach
    void commitsAtSetTimes() {
        repo = GitRepoFixture.init(tmp.resolve("repo"));
        first = repo.write("envs/prod/app.yaml", "v: 1\n").write("envs/staging/app.yaml", "v: 1\n").commit("first", T1);
        staging = repo.write("envs/staging/app.yaml", "v: 2\n").commit("staging only", T2);
        prod = repo.write("envs/prod/app.yaml", "v: 2\n").commit("prod", T3);
        prodAgain = repo.write("envs/prod/db.yaml", "v: 1\n").commit("prod db", T4);
    }

    @Test
    void listsTheCommitsOnThePathSinceTheRevisionsAppliedBefore() {
        try (GitCommitLog log = GitCommitLog.open(repo.dir().toString())) {
            assertThat(log.brought(prodAgain, List.of(first), "envs/prod")).contains(List.of(
                    new CommitTime(prodAgain, T4), new CommitTime(prod, T3)));
            assertThat(log.brought(prodAgain, List.of(first), "")).contains(List.of(
                    new CommitTime(prodAgain, T4), new CommitTime(prod, T3), new CommitTime(staging, T2)));
            assertThat(log.brought(prod, List.of(first), "envs/staging")).contains(List.of(
                    new CommitTime(staging, T2)));
        }
    }

    @Test
    void aCommitReachableFromAnyEarlierRevisionWasDeployedAlready() {
        try (GitCommitLog log = GitCommitLog.open(repo.dir().toString())) {
            // Rolled back to first after prod was applied: prodAgain brings only what neither had.
            assertThat(log.brought(prodAgain, List.of(first, prod), "envs/prod"))
                    .contains(List.of(new CommitTime(prodAgain, T4)));
            // A rollback brings nothing new.
            assertThat(log.brought(first, List.of(prodAgain), "")).contains(List.of());
        }
    }

    @Test
    void unknownCommitsMeasureNothingRatherThanTheWholeHistory() {
        String elsewhere = "0123456789abcdef0123456789abcdef01234567";
        try (GitCommitLog log = GitCommitLog.open(repo.dir().toString())) {
            assertThat(log.brought(elsewhere, List.of(first), "")).isEmpty();
            assertThat(log.brought(prod, List.of(elsewhere, first), "")).isEmpty();
            assertThat(log.brought(prod, List.of("not-a-commit"), "")).isEmpty();
            // An unknown older revision is ignored: the newest one bounds the walk.
            assertThat(log.brought(prod, List.of(first, elsewhere), "envs/prod"))
                    .contains(List.of(new CommitTime(prod, T3)));
        }
    }

    @Test
    void aMissingRepositoryIsAnErrorNamingIt() {
        assertThatThrownBy(() -> GitCommitLog.open(tmp.resolve("nothing").toString()))
                .isInstanceOf(GitopsException.class).hasMessageContaining(tmp.resolve("nothing").toString())
                .hasMessageContaining("does not exist");
    }
}
