package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The history in the inventory ConfigMap: bounded by the ConfigMap's size, readable when written by 0.1. */
class InventoryHistoryTest {
    @Test
    void theOldestHistoryEntriesGiveWayWhenResourcesAndHistoryWouldNotFit() {
        TreeSet<ResourceId> owned = new TreeSet<>();
        for (int i = 0; i < 12_000; i++) {
            owned.add(new ResourceId("apps", "Deployment", "namespace-" + (i % 20), "a-long-deployment-name-" + i));
        }
        List<Revision> history = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            history.add(new Revision("%040d".formatted(i), "envs/prod", "sha256:" + "ab".repeat(32),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "ci-user", "https://ci.example/job/" + i + "/",
                    12_000));
        }

        Map<String, String> data = InventoryConfigMapCodec.encode(new Inventory(owned, history), "gitops-system/prod");
        Inventory read = InventoryConfigMapCodec.decode(data, "gitops-system/prod");

        int bytes = data.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isLessThanOrEqualTo(InventoryConfigMapCodec.MAX_DATA_BYTES);
        assertThat(read.resources()).isEqualTo(owned);
        assertThat(read.history()).hasSizeBetween(1, 999);
        assertThat(read.history()).isEqualTo(history.subList(1000 - read.history().size(), 1000));
    }

    @Test
    void entriesWrittenBeforeFailuresAndVerifiesWereRecordedReadAsSuccessfulApplies() {
        Map<String, String> data = Map.of("format", "1", "resources", "[[\"\",\"Namespace\",\"\",\"shop\"]]",
                "history", "[{\"commit\":\"abc123\",\"path\":\"envs/prod\",\"desiredDigest\":\"sha256:00\","
                        + "\"appliedAt\":\"2026-01-02T03:04:05Z\",\"user\":\"alice\",\"buildUrl\":null,\"resources\":2}]");

        Revision old = InventoryConfigMapCodec.decode(data, "gitops-system/prod").history().get(0);

        assertThat(old).isEqualTo(new Revision("abc123", "envs/prod", "sha256:00", Instant.parse("2026-01-02T03:04:05Z"),
                "alice", null, 2));
        assertThat(old.event()).isEqualTo(Revision.Event.APPLY);
        assertThat(old.result()).isEqualTo(Revision.Result.SUCCEEDED);
        assertThat(old.changed()).isNull();
        assertThat(old.deployed()).isTrue();
    }
}
