package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.5, 13.10 and 13.12: what the directory target stores and where. Every valid name can be stored
 * (and pruned); Secrets are readable by the owner alone; nothing is read or written through a symbolic link
 * inside the target.
 */
class DirectoryStorageTest {
    static final String ENV = "env";
    static final String PASSWORD = "Tg9xPa55wordQ";
    /** A valid Kubernetes name (a DNS subdomain) of 250 characters. */
    static final String LONG_NAME = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58);

    @TempDir
    Path tmp;

    @Test
    void aValidNameOf250CharactersIsStoredVerifiedAndPruned() throws IOException {
        assertThat(LONG_NAME).hasSize(250);
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/cms.yaml", configMap(LONG_NAME, "v", "1") + "---\n" + configMap("short", "v", "1"));
        String c1 = git.commit("long");
        git.delete(ENV + "/cms.yaml");
        git.write(ENV + "/short.yaml", configMap("short", "v", "1"));
        String c2 = git.commit("without the long one");
        git.close();
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("target"));
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, target);

        assertThat(flow.applyNow(c1).succeeded()).isTrue();
        ResourceId longId = new ResourceId("", "ConfigMap", "shop", LONG_NAME);
        assertThat(target.stored()).contains(longId);
        assertThat(target.read(java.util.List.of(longId)).get(longId).body()).extracting("metadata")
                .isEqualTo(Map.of("name", LONG_NAME, "namespace", "shop"));
        assertThat(flow.verify(c1).inSync()).isTrue();
        try (Stream<Path> files = Files.walk(tmp.resolve("target"))) {
            assertThat(files.map(p -> p.getFileName().toString().getBytes(StandardCharsets.UTF_8).length))
                    .allMatch(bytes -> bytes <= 255);
        }

        assertThat(flow.applyNow(c2).succeeded()).isTrue();
        assertThat(target.stored()).containsExactly(new ResourceId("", "ConfigMap", "shop", "short"));
    }

    @Test
    void secretFilesAndTheirFoldersAreOwnerOnly() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n"
                + "stringData:\n  password: " + PASSWORD + "\n");
        git.write(ENV + "/cm.yaml", configMap("settings", "v", "1"));
        String c1 = git.commit("secret");
        git.close();
        Path dir = tmp.resolve("target");
        // A folder an older version made with the default mode is tightened too.
        Files.createDirectories(dir.resolve("_core/Secret/shop"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir.resolve("_core/Secret"), PosixFilePermissions.fromString("rwxr-xr-x"));
        DirectoryTarget target = new DirectoryTarget(dir);

        assertThat(new FlowFixture(tmp.resolve("repo"), ENV, target).applyNow(c1).succeeded()).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("_core/Secret/shop/db.yaml"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("_core/Secret/shop"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("_core/Secret"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve(".gitops/applied.json"))).as("no digest of the Secret's body")
                .doesNotContain("Secret/shop/db.yaml");
    }

    @Test
    void aResourceFileLinkedToAnotherTargetsSecretIsRefusedWithoutShowingIt() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/cm.yaml", configMap("settings", "v", "1"));
        String c1 = git.commit("settings");
        git.close();
        Path other = tmp.resolve("other/_core/Secret/shop/db.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n"
                + "stringData:\n  password: " + PASSWORD + "\n");
        Path link = tmp.resolve("target/_core/ConfigMap/shop/settings.yaml");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, other);
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, new DirectoryTarget(tmp.resolve("target")));

        assertThatThrownBy(() -> flow.plan(c1)).isInstanceOf(TargetException.class)
                .hasMessageContaining("symbolic link").hasMessageContaining(link.toString())
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> flow.applyNow(c1)).isInstanceOf(TargetException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(other)).contains(PASSWORD);
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aResourceFolderLinkedOutsideIsNeverWrittenThrough() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/cm.yaml", configMap("settings", "v", "1"));
        String c1 = git.commit("settings");
        git.close();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path folder = tmp.resolve("target/_core/ConfigMap/shop");
        Files.createDirectories(folder.getParent());
        Files.createSymbolicLink(folder, outside);
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, new DirectoryTarget(tmp.resolve("target")));

        assertThatThrownBy(() -> flow.applyNow(c1)).isInstanceOf(TargetException.class)
                .hasMessageContaining("symbolic link").hasMessageContaining(folder.toString());
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
