package io.jenkins.plugins.gitops.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history written by version 0.1 (fixture formats/v1, no event, result or changed) measured and extended. */
class MetricsFromOldHistoryTest {
    @TempDir
    Path root;

    @Test
    void anOldHistoryCountsItsAppliesAndTakesNewEntriesBesideThem() throws IOException {
        Files.createDirectories(root.resolve(".gitops"));
        try (InputStream in = getClass().getResourceAsStream("/formats/v1/inventory.json")) {
            Files.copy(in, root.resolve(".gitops/inventory.json"));
        }
        DirectoryTarget target = new DirectoryTarget(root);
        Inventory old = target.readInventory();
        Revision failed = Revision.builder().commit("4d62e2765c73ce77f40b079c7f360b297a9a4ff2").path("envs/prod")
                .desiredDigest("sha256:01").appliedAt(Instant.parse("2026-11-29T08:00:00Z")).user("bob").resources(4)
                .result(Revision.Result.FAILED).errorClass("resource").plannedAt(Instant.parse("2026-11-29T07:55:00Z"))
                .changed(1).build();
        target.writeInventory(old.withRevision(old.resources(), failed, Inventory.DEFAULT_HISTORY_LIMIT));

        List<Revision> history = new DirectoryTarget(root).readInventory().history();
        EnvironmentMetrics m = Metrics.measure("prod", history, (applied, before, path) -> Optional.empty(),
                new MetricsOptions(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                        Duration.ofHours(24)));

        assertThat(history).hasSize(2);
        assertThat(history.get(0)).isEqualTo(old.history().get(0));
        assertThat(history.get(1)).isEqualTo(failed);
        assertThat(m.deploymentFrequency().events()).as("the 0.1 entry is a deployment").isEqualTo(1);
        assertThat(m.leadTime().withoutBase()).isEqualTo(1);
        assertThat(m.changeFailureRate().events()).isEqualTo(2);
        assertThat(m.changeFailureRate().failedApplies()).isEqualTo(1);
        assertThat(m.timeToRestore().open()).isEqualTo(1);
    }
}
