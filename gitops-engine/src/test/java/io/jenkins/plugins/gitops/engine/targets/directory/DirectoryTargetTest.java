package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest {
    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");
    private static final ResourceId SHOP = new ResourceId("", "Namespace", "", "shop");

    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("env");
    }

    private DirectoryTarget target() {
        return new DirectoryTarget(root());
    }

    @Test
    void identityIsTheAbsoluteNormalisedFolderAndNothingIsCreatedBeforeTheFirstWrite() {
        DirectoryTarget target = new DirectoryTarget(dir.resolve("x/../env"));

        assertThat(target.identity()).isEqualTo("dir:" + root().toAbsolutePath().normalize());
        assertThat(target.read(List.of(WEB))).isEmpty();
        assertThat(target.readInventory()).isEqualTo(Inventory.EMPTY);
        assertThat(root()).doesNotExist();
    }

    @Test
    void applyWritesCanonicalYamlThatReadsBackAsTheSameBodyAndVersion() throws IOException {
        DirectoryTarget target = target();

        LiveObject applied = target.apply(deployment(3));

        Path file = root().resolve("apps/Deployment/shop/web.yaml");
        assertThat(Files.readString(file)).startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n");
        assertThat(applied.body()).isEqualTo(deployment(3).body());
        assertThat(applied.version()).startsWith("hmac-sha256:");
        LiveObject read = target.read(List.of(WEB, SHOP)).get(WEB);
        assertThat(read).isEqualTo(applied);
        assertThat(target.read(List.of(WEB, SHOP))).containsOnlyKeys(WEB);

        // The body of what was written comes from the bytes written, whenever it is asked for.
        LiveObject again = target.apply(deployment(4));
        Files.writeString(file, "kind: EditedByHand\n");
        assertThat(again.body()).isEqualTo(deployment(4).body());
    }

    @Test
    void versionIsStableForTheSameBodyAndChangesWithTheContent() {
        DirectoryTarget target = target();

        String first = target.apply(deployment(3)).version();
        String again = target.apply(deployment(3)).version();
        String changed = target.apply(deployment(4)).version();

        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
        assertThat(new DirectoryTarget(root()).read(List.of(WEB)).get(WEB).version()).isEqualTo(changed);
    }

    @Test
    void aHandEditChangesTheVersionEvenWhenTheBodyStaysTheSame() throws IOException {
        DirectoryTarget target = target();
        LiveObject applied = target.apply(deployment(3));
        Path file = root().resolve("apps/Deployment/shop/web.yaml");

        Files.writeString(file, "# edited by hand\n" + Files.readString(file));

        LiveObject edited = target.read(List.of(WEB)).get(WEB);
        assertThat(edited.body()).isEqualTo(applied.body());
        assertThat(edited.version()).isNotEqualTo(applied.version());
    }

    @Test
    void deleteRemovesTheFileAndTheFoldersItLeavesEmptyButKeepsTheRoot() throws IOException {
        DirectoryTarget target = target();
        ResourceId api = new ResourceId("apps", "Deployment", "shop", "api");
        target.apply(deployment(1));
        target.apply(resource(api, "apps/v1", Map.of()));
        target.apply(resource(SHOP, "v1", Map.of()));

        target.delete(WEB);
        assertThat(root().resolve("apps/Deployment/shop/web.yaml")).doesNotExist();
        assertThat(root().resolve("apps/Deployment/shop/api.yaml")).exists();

        target.delete(api);
        assertThat(root().resolve("apps")).doesNotExist();
        assertThat(root().resolve("_core/Namespace/_cluster/shop.yaml")).exists();

        target.delete(SHOP);
        target.delete(SHOP);
        assertThat(filesUnder(root())).containsExactly(root().resolve(".gitops/version.key"));
    }

    @Test
    void successfulWritesLeaveNoTempFiles() throws IOException {
        DirectoryTarget target = target();

        target.apply(deployment(1));
        target.apply(deployment(2));
        target.flush();
        target.writeInventory(inventoryWith(1));

        assertThat(filesUnder(root())).containsExactlyInAnyOrder(
                root().resolve("apps/Deployment/shop/web.yaml"), root().resolve(".gitops/inventory.json"),
                root().resolve(".gitops/applied.json"), root().resolve(".gitops/version.key"));
    }

    @Test
    void aReaderDuringRewritesSeesOnlyWholeOldOrNewFiles() throws Exception {
        DirectoryTarget target = target();
        Resource small = resource(WEB, "apps/v1", Map.of("data", "x"));
        Resource large = resource(WEB, "apps/v1", Map.of("data", "y".repeat(64 * 1024)));
        Set<String> whole = Set.of(target.apply(large).version(), target.apply(small).version());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> rewrites = writer.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    target.apply(i % 2 == 0 ? large : small);
                }
                writing.set(false);
            });
            int reads = 0;
            while (writing.get() || reads == 0) {
                assertThat(target.read(List.of(WEB)).get(WEB).version()).isIn(whole);
                reads++;
            }
            rewrites.get();
        } finally {
            writer.shutdown();
        }
    }

    @Test
    void aTempFileLeftByACrashedWriteIsIgnoredByReadsAndReplacedByTheNextWrite() throws IOException {
        DirectoryTarget target = target();
        LiveObject before = target.apply(deployment(1));
        target.writeInventory(inventoryWith(1));
        Path resourceTemp = root().resolve("apps/Deployment/shop/.web.yaml.tmp");
        Path inventoryTemp = root().resolve(".gitops/.inventory.json.tmp");
        Files.writeString(resourceTemp, "apiVersion: apps/v1\nkind: Depl");
        Files.writeString(inventoryTemp, "{\"resources\": [");

        assertThat(target.read(List.of(WEB)).get(WEB)).isEqualTo(before);
        assertThat(target.readInventory()).isEqualTo(inventoryWith(1));
        assertThat(target.stored()).containsExactly(WEB);

        LiveObject after = target.apply(deployment(2));
        target.writeInventory(inventoryWith(2));

        assertThat(resourceTemp).doesNotExist();
        assertThat(inventoryTemp).doesNotExist();
        assertThat(target.read(List.of(WEB)).get(WEB)).isEqualTo(after);
        assertThat(target.readInventory()).isEqualTo(inventoryWith(2));
    }

    @Test
    void deleteAlsoRemovesACrashedWritesTempFileSoTheFolderCanGo() throws IOException {
        DirectoryTarget target = target();
        target.apply(deployment(1));
        Files.writeString(root().resolve("apps/Deployment/shop/.web.yaml.tmp"), "half");

        target.delete(WEB);

        assertThat(root().resolve("apps")).doesNotExist();
    }

    @Test
    void appliesAndDeletesFromManyThreadsLeaveExactlyTheAppliedFiles() throws Exception {
        DirectoryTarget target = target();
        List<ResourceId> kept = new ArrayList<>();
        List<ResourceId> dropped = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ResourceId id = new ResourceId("", "ConfigMap", "ns" + (i % 10), "cm" + i);
            (i % 2 == 0 ? kept : dropped).add(id);
            target.apply(resource(id, "v1", Map.of("data", Map.of("round", "0"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                ResourceId keep = kept.get(i);
                ResourceId drop = dropped.get(i);
                work.add(pool.submit(() -> target.apply(resource(keep, "v1", Map.of("data", Map.of("round", "1"))))));
                work.add(pool.submit(() -> target.delete(drop)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(target.stored()).containsExactlyElementsOf(new TreeSet<>(kept));
        assertThat(target.read(kept).values()).allSatisfy(live -> assertThat(live.body())
                .containsEntry("data", Map.of("round", "1")));
    }

    @Test
    void storedListsEveryResourceFileIncludingOnesAddedByHand() throws IOException {
        DirectoryTarget target = target();
        target.apply(deployment(1));
        target.writeInventory(inventoryWith(1));
        Path handMade = root().resolve("_core/ConfigMap/shop/extra.yaml");
        Files.createDirectories(handMade.getParent());
        Files.writeString(handMade, "apiVersion: v1\nkind: ConfigMap\n");
        Files.writeString(root().resolve("README.md"), "notes");

        assertThat(target.stored()).containsExactly(new ResourceId("", "ConfigMap", "shop", "extra"), WEB);
    }

    @Test
    void aFileThatNoLongerParsesNamesTheFileAndLineWithoutQuotingIt() throws IOException {
        DirectoryTarget target = target();
        target.apply(deployment(1));
        Path file = root().resolve("apps/Deployment/shop/web.yaml");
        Files.writeString(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n password: hunter2: x\n");

        assertThatThrownBy(() -> target.read(List.of(WEB)))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith(file + ":5 (" + WEB + ") is not valid YAML")
                .hasMessageContaining("fix the file, or delete it")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aFileThatIsNoMappingIsRefusedNamingTheFile() throws IOException {
        DirectoryTarget target = target();
        target.apply(deployment(1));
        Path file = root().resolve("apps/Deployment/shop/web.yaml");
        Files.writeString(file, "- just\n- a list\n");

        assertThatThrownBy(() -> target.read(List.of(WEB)))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith(file + " (" + WEB + ") does not hold a YAML mapping");
    }

    @Test
    void applyRefusesAnIdThatWouldEscapeTheRootAndWritesNothing() {
        DirectoryTarget target = target();
        ResourceId evil = new ResourceId("", "ConfigMap", "..", "escape");

        assertThatThrownBy(() -> target.apply(resource(evil, "v1", Map.of())))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("namespace is not a valid");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void inventoryRoundTripsWithHistoryAsIsoTimestamps() throws IOException {
        DirectoryTarget target = target();
        Inventory inventory = inventoryWith(3);

        target.writeInventory(inventory);

        assertThat(new DirectoryTarget(root()).readInventory()).isEqualTo(inventory);
        assertThat(Files.readString(root().resolve(".gitops/inventory.json")))
                .contains("\"appliedAt\" : \"2026-01-01T10:00:02Z\"")
                .contains("\"buildUrl\" : null");
    }

    @Test
    void aCorruptInventoryNamesTheFileAndLine() throws IOException {
        DirectoryTarget target = target();
        target.writeInventory(inventoryWith(1));
        Path file = root().resolve(".gitops/inventory.json");
        Files.writeString(file, "{\n \"resources\": [\n  secret-looking-token\n");

        assertThatThrownBy(target::readInventory)
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith(file + ":3 is not valid JSON")
                .hasMessageContaining("fix it or restore it from a backup")
                .hasMessageNotContaining("delete")
                .hasMessageNotContaining("secret-looking-token");
    }

    @Test
    void anInventoryMissingAFieldIsCorruptToo() throws IOException {
        DirectoryTarget target = target();
        target.writeInventory(inventoryWith(1));
        Path file = root().resolve(".gitops/inventory.json");
        Files.writeString(file, "{\"history\": []}");

        assertThatThrownBy(target::readInventory)
                .isInstanceOf(TargetException.class)
                .hasMessageContaining(file.toString());
    }

    private static Inventory inventoryWith(int revisions) {
        Inventory inventory = Inventory.EMPTY;
        for (int i = 0; i < revisions; i++) {
            inventory = inventory.withRevision(new TreeSet<>(List.of(WEB, SHOP)),
                    new Revision("c0ffee" + i, "envs/prod", "sha256:ab" + i, Instant.parse("2026-01-01T10:00:00Z").plusSeconds(i),
                            "alice", i == 0 ? "https://ci/job/1/" : null, 2), 10);
        }
        return inventory;
    }

    private static Resource deployment(int replicas) {
        return resource(WEB, "apps/v1", Map.of("spec", Map.of("replicas", replicas, "template",
                Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "nginx:1.27")))))));
    }

    private static Resource resource(ResourceId id, String apiVersion, Map<String, Object> rest) {
        Map<String, Object> metadata = id.namespace().isEmpty() ? Map.of("name", id.name())
                : Map.of("name", id.name(), "namespace", id.namespace());
        Map<String, Object> body = new java.util.LinkedHashMap<>(rest);
        body.put("apiVersion", apiVersion);
        body.put("kind", id.kind());
        body.put("metadata", metadata);
        return new Resource(id, apiVersion, body, new Origin("test.yaml", 1));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
