package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, point 6: a target's history edited to hold far more entries than gitops keeps (1,000). Listing and
 * measuring it whole took 10-24 s and more than 90 s for 100,000 entries (the rollback check scanned every earlier
 * entry for each). Both now use the newest 1,000, say so, and measure in one pass. How fast is for ./bench; this
 * proves what is listed and measured.
 */
class TamperedHistoryTest {
    static final int ENTRIES = 20_000;
    static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    @TempDir
    Path tmp;
    Path target;
    String commit;

    @BeforeEach
    void tamperedHistory() throws IOException {
        try (GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"))) {
            git.write("envs/prod/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
            commit = git.commit("one");
        }
        target = tmp.resolve("target");
        Files.createDirectories(target.resolve(".gitops"));
        try (Writer out = Files.newBufferedWriter(target.resolve(".gitops/inventory.json"))) {
            out.write("{\"resources\":[],\"history\":[");
            for (int i = 0; i < ENTRIES; i++) {
                // Every entry a deployment of another commit, then back: half of them rollbacks by the old rule.
                String c = i % 2 == 0 ? commit : "%040x".formatted(i);
                out.write((i == 0 ? "" : ",") + "{\"commit\":\"" + c + "\",\"path\":\"envs/prod\",\"appliedAt\":\""
                        + START.plusSeconds(60L * i) + "\",\"user\":\"u" + i + "\",\"resources\":1,\"changed\":1}");
            }
            out.write("]}");
        }
    }

    @Test
    void historyListsTheNewestItKeepsAndSaysWhy() {
        Cli run = Cli.run("history", "--target", "dir:" + target);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains("holds " + ENTRIES + " entries, more than gitops keeps (1000), so something"
                + " else wrote it; only the newest 1000 are used");
        assertThat(run.out().lines().filter(l -> l.contains("envs/prod"))).hasSize(1000);
        assertThat(run.out()).contains(" u" + (ENTRIES - 1) + " ", " u" + (ENTRIES - 1000) + " ")
                .doesNotContain(" u" + (ENTRIES - 1001) + " ");
    }

    @Test
    void metricsMeasureTheNewestItKeepsAndSaysWhy() throws IOException {
        Cli run = Cli.run("metrics", "--repo", tmp.resolve("repo").toString(), "--path", "envs/prod",
                "--target", "dir:" + target, "--since", START.toString(),
                "--until", START.plusSeconds(60L * ENTRIES).toString(), "-o", "json");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains("holds " + ENTRIES + " entries, more than gitops keeps (1000)");
        JsonNode environment = Json.mapper().readTree(run.out()).get("environments").get(0);
        assertThat(environment.get("entries").asInt()).isEqualTo(1000);
        assertThat(environment.get("deploymentFrequency").get("events").asInt()).isEqualTo(1000);
        // Every other entry re-applies the commit applied before the one in between: a rollback, recognised in one pass.
        assertThat(environment.get("changeFailureRate").get("rolledBack").asInt()).isEqualTo(499);
    }
}
