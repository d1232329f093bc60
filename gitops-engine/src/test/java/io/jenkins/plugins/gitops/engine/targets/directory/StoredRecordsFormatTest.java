package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory target's records written by version 0.1 ({@code .gitops/inventory.json},
 * {@code .gitops/applied.json}, fixtures in formats/v1) stay readable, value for value.
 */
class StoredRecordsFormatTest {
    @TempDir
    Path root;

    private void install(String fixture, String file) throws IOException {
        Files.createDirectories(root.resolve(".gitops"));
        try (InputStream in = getClass().getResourceAsStream("/formats/v1/" + fixture)) {
            Files.copy(in, root.resolve(".gitops").resolve(file));
        }
    }

    @Test
    void readsAnInventoryOfVersionOne() throws IOException {
        install("inventory.json", "inventory.json");

        Inventory inventory;
        try (DirectoryTarget target = new DirectoryTarget(root)) {
            inventory = target.readInventory();
        }

        assertThat(inventory.resources()).containsExactly(
                new ResourceId("", "ConfigMap", "shop", "settings"),
                new ResourceId("", "Namespace", "", "shop"),
                new ResourceId("", "Secret", "shop", "db"),
                new ResourceId("apps", "Deployment", "shop", "web"));
        assertThat(inventory.history()).containsExactly(new Revision("3c815da9a0e212c36111e45d0755e20d1ebfda3a",
                "envs/prod", "sha256:2d520cbd9e937daa5fd7251380724d4291692d2c9f665cd4463ba844292e6abd",
                Instant.parse("2026-11-28T23:09:29.312948123Z"), "alice", "https://ci.example.com/job/deploy/1/", 4));
    }

    @Test
    void readsAnAppliedIndexOfVersionOne() throws IOException {
        install("applied.json", "applied.json");

        Map<String, AppliedIndex.Entry> entries = new AppliedIndex(root, root.resolve(".gitops/applied.json"),
                new AtomicFiles(Disk.REAL, root)).current();

        // The index swallows a damaged file (it is only a cache), so the content is what proves it was read.
        assertThat(entries).hasSize(4).containsEntry("_core/ConfigMap/shop/settings.yaml", new AppliedIndex.Entry(
                "hmac-sha256:f4b4cd8efbd6e0ffaa586f7ed372af0dc18f95e277e75ff17a8f6761210dcc45",
                "sha256:1775aff8dde0a7a23f66462005d58bf18269153e7eec11edb646967a18c61caf"));
        assertThat(entries).containsKeys("apps/Deployment/shop/web.yaml", "_core/Secret/shop/db.yaml",
                "_core/Namespace/_cluster/shop.yaml");
    }
}
