package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the engine wrote and nobody touched since are known without parsing; anything else is parsed. */
class AppliedIndexTest {
    private static final ResourceId ID = new ResourceId("", "ConfigMap", "shop", "settings");
    private static final Resource SETTINGS = new Resource(ID, "v1", Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "settings", "namespace", "shop"), "data", Map.of("color", "blue")),
            new Origin("settings.yaml", 1));

    @TempDir
    Path dir;

    private LiveObject applyAndReadBack() {
        DirectoryTarget writer = new DirectoryTarget(dir);
        writer.apply(SETTINGS);
        writer.flush();
        writer.writeInventory(new Inventory(new TreeSet<>(List.of(ID)), List.of()));
        return new DirectoryTarget(dir).read(List.of(ID)).get(ID);
    }

    @Test
    void untouchedFileCarriesTheDigestOfWhatWasApplied() {
        LiveObject live = applyAndReadBack();
        assertThat(live.appliedDigest()).contains(Canonical.digest(SETTINGS.body()));
        assertThat(live.body()).isEqualTo(SETTINGS.body());
    }

    @Test
    void handEditedFileIsParsedAndHasNoAppliedDigest() throws Exception {
        applyAndReadBack();
        Path file = dir.resolve("_core/ConfigMap/shop/settings.yaml");
        Files.writeString(file, Files.readString(file).replace("blue", "red"));

        LiveObject live = new DirectoryTarget(dir).read(List.of(ID)).get(ID);
        assertThat(live.appliedDigest()).isEmpty();
        assertThat(live.body().get("data")).isEqualTo(Map.of("color", "red"));
    }

    @Test
    void damagedIndexOnlyMeansParsing() throws Exception {
        applyAndReadBack();
        Files.writeString(dir.resolve(".gitops/applied.json"), "{ not json");

        LiveObject live = new DirectoryTarget(dir).read(List.of(ID)).get(ID);
        assertThat(live.appliedDigest()).isEmpty();
        assertThat(live.body()).isEqualTo(SETTINGS.body());
    }

    @Test
    void deletedFileLeavesTheIndex() {
        applyAndReadBack();
        DirectoryTarget target = new DirectoryTarget(dir);
        target.delete(ID);
        target.flush();
        target.writeInventory(Inventory.EMPTY);
        assertThat(new AppliedIndex(dir, dir.resolve(".gitops/applied.json"), new AtomicFiles(Disk.REAL, dir)).current()).isEmpty();
    }
}
