package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory target's records written by version 0.1 ({@code .gitops/inventory.json},
 * {@code .gitops/applied.json}, fixtures in formats/v1) and by the version before the stored-format policy
 * (formats/v1-events, with the lock) stay readable, value for value; so do records of a newer version that only
 * added fields (formats/newer/extra-fields), while one of a higher format (formats/newer/format-2) is refused as
 * written by a newer version, never as damaged, and left as it is.
 */
public class StoredRecordsFormatTest {
    /** The lock in formats/v1-events was taken at 19:09:25 with a lease of 5 minutes. */
    static final Instant WHILE_HELD = Instant.parse("2026-12-04T19:10:00Z");
    static final LockRecord V1_LOCK = new LockRecord("alice@build-host-1234",
            Instant.parse("2026-12-04T19:09:25.103536479Z"), Instant.parse("2026-12-04T19:14:25.103536479Z"));

    @TempDir
    Path root;

    private void install(String fixture, String file) throws IOException {
        Files.createDirectories(root.resolve(".gitops"));
        try (InputStream in = getClass().getResourceAsStream("/formats/" + fixture)) {
            Files.copy(in, root.resolve(".gitops").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Inventory inventory() {
        try (DirectoryTarget target = new DirectoryTarget(root)) {
            return target.readInventory();
        }
    }

    /** The inventory of formats/v1-events, as its history was recorded. */
    public static void assertIsTheV1EventsInventory(Inventory inventory) {
        assertThat(inventory.resources()).containsExactly(new ResourceId("", "ConfigMap", "shop", "settings"),
                new ResourceId("", "Namespace", "", "shop"));
        assertThat(inventory.history()).extracting(Revision::user, Revision::event, Revision::result,
                Revision::changed, Revision::rollback).containsExactly(
                        tuple("alice", Revision.Event.APPLY, Revision.Result.SUCCEEDED, 2, false),
                        tuple("bob", Revision.Event.APPLY, Revision.Result.SUCCEEDED, 1, false),
                        tuple("carol", Revision.Event.VERIFY, Revision.Result.DRIFT, 1, false),
                        tuple("carol", Revision.Event.APPLY, Revision.Result.SUCCEEDED, 1, true));
        assertThat(inventory.history().get(0)).isEqualTo(Revision.builder()
                .commit("3250ec5b65743a2cbbb989f781ac5b4d49c5f5f4").path("envs/prod")
                .desiredDigest("sha256:c6445f08586607d0bdcc621cac908fa4b06003af7df4a75efa89720a2efc1a18")
                .appliedAt(Instant.parse("2026-12-04T19:09:04.045347444Z")).user("alice")
                .buildUrl("https://ci.example.com/job/deploy/1/").resources(2).event(Revision.Event.APPLY)
                .result(Revision.Result.SUCCEEDED).plannedAt(Instant.parse("2026-12-04T19:09:03.691211335Z")).changed(2)
                .build());
        assertThat(inventory.current().orElseThrow().commit()).isEqualTo("3250ec5b65743a2cbbb989f781ac5b4d49c5f5f4");
    }

    @Test
    void readsTheInventoryWrittenBeforeTheFormatPolicy() throws IOException {
        install("v1-events/inventory.json", "inventory.json");

        assertIsTheV1EventsInventory(inventory());
    }

    @Test
    void readsAnInventoryWithFieldsOfANewerVersion() throws IOException {
        install("newer/extra-fields/inventory.json", "inventory.json");

        assertIsTheV1EventsInventory(inventory());
    }

    @Test
    void readsTheLockWrittenBeforeTheFormatPolicyAndOneWithNewerFields() throws IOException {
        for (String fixture : List.of("v1-events/lock.json", "newer/extra-fields/lock.json")) {
            install(fixture, "lock.json");
            try (DirectoryTarget target = new DirectoryTarget(root, Clock.fixed(WHILE_HELD, ZoneOffset.UTC))) {
                assertThatThrownBy(() -> target.lock("bob@ci", Duration.ofMinutes(5))).as(fixture)
                        .isInstanceOfSatisfying(TargetLockedException.class,
                                e -> assertThat(e.heldBy()).isEqualTo(V1_LOCK));
            }
            try (DirectoryTarget target = new DirectoryTarget(root, Clock.fixed(V1_LOCK.expiresAt(), ZoneOffset.UTC));
                    TargetLock lock = target.lock("bob@ci", Duration.ofMinutes(5))) {
                assertThat(lock.tookOverFrom()).as(fixture).contains(V1_LOCK);
            }
        }
    }

    @Test
    void readsAnAppliedIndexWithFieldsOfANewerVersionAsTheOriginal() throws IOException {
        install("v1-events/applied.json", "applied.json");
        Map<String, AppliedIndex.Entry> original = new AppliedIndex(root, root.resolve(".gitops/applied.json"),
                new AtomicFiles(Disk.REAL, root)).current();
        install("newer/extra-fields/applied.json", "applied.json");

        Map<String, AppliedIndex.Entry> newer = new AppliedIndex(root, root.resolve(".gitops/applied.json"),
                new AtomicFiles(Disk.REAL, root)).current();

        assertThat(original).hasSize(2);
        assertThat(newer).isEqualTo(original);
    }

    @Test
    void refusesAnInventoryOfANewerFormatAsSuchAndLeavesIt() throws IOException {
        install("newer/format-2/inventory.json", "inventory.json");
        Path file = root.resolve(".gitops/inventory.json");
        String before = Files.readString(file);

        assertThatThrownBy(this::inventory).isInstanceOfSatisfying(TargetException.class, e -> {
            assertThat(e).hasMessage("the inventory " + file + " was written by a newer version of gitops-pipeline"
                    + " (format 2; this version reads format 1 and older)");
            assertThat(e.remedy()).contains(Remedy.of(Remedy.Kind.UPGRADE));
        });
        assertThat(file).hasContent(before);
    }

    @Test
    void refusesALockOfANewerFormatWithoutTakingItOver() throws IOException {
        install("newer/format-2/lock.json", "lock.json");
        Path file = root.resolve(".gitops/lock.json");
        String before = Files.readString(file);

        // Long after its lease: an older version must still not take over a lock it cannot read.
        try (DirectoryTarget target = new DirectoryTarget(root,
                Clock.fixed(V1_LOCK.expiresAt().plus(Duration.ofDays(1)), ZoneOffset.UTC))) {
            assertThatThrownBy(() -> target.lock("bob@ci", Duration.ofMinutes(5)))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("was written by a newer version of gitops-pipeline (format 2;")
                    .hasMessageNotContaining("delete")
                    .hasMessageNotContaining("damaged");
        }
        assertThat(file).hasContent(before);
    }

    @Test
    void readsAnInventoryOfVersionOne() throws IOException {
        install("v1/inventory.json", "inventory.json");

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
        install("v1/applied.json", "applied.json");

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
