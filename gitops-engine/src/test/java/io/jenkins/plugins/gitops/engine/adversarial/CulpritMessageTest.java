package io.jenkins.plugins.gitops.engine.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, point 7: each message names the real culprit. A bad entry in {@code .gitops/inventory.json} was blamed
 * on a manifest ("fix the name in the manifest"), a 100 MB JSON string was "not a valid inventory record", and a
 * folder above a resource that this user may not change was reported as "Operation not permitted" on the resource
 * file.
 */
class CulpritMessageTest {
    static final String ENV = "env";

    @TempDir
    Path tmp;
    Path target;
    Path inventory;
    String commit;

    @BeforeEach
    void repository() throws IOException {
        try (GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"))) {
            git.write(ENV + "/app.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n"
                    + "stringData:\n  password: x\n");
            commit = git.commit("one");
        }
        target = tmp.resolve("target");
        inventory = target.resolve(".gitops/inventory.json");
        Files.createDirectories(inventory.getParent());
    }

    @Test
    void aBadInventoryEntryIsBlamedOnTheInventory() throws IOException {
        Files.writeString(inventory, "{\"resources\":[{\"group\":\"\",\"kind\":\"ConfigMap\",\"namespace\":\"shop\","
                + "\"name\":\"../../outside\"}],\"history\":[]}");

        try (DirectoryTarget dir = new DirectoryTarget(target)) {
            FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, dir);
            assertThatThrownBy(() -> flow.plan(commit)).isInstanceOf(TargetException.class)
                    .hasMessage(inventory + " lists ConfigMap/shop/../../outside, which no resource can be: its name is"
                            + " not a valid Kubernetes name (it would not be a single file name inside the folder); fix"
                            + " or remove that entry, or restore the file from a backup");
        }
    }

    @Test
    void aHugeJsonStringIsRefusedForItsSizeAndASmallOneForWhatItIs() throws IOException {
        try (Writer out = Files.newBufferedWriter(inventory)) {
            out.write('"');
            String chunk = "a".repeat(1 << 20);
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
            out.write('"');
        }
        try (DirectoryTarget dir = new DirectoryTarget(target)) {
            assertThatThrownBy(dir::readInventory).isInstanceOf(TargetException.class)
                    .hasMessageStartingWith(inventory + " is 100 MiB, larger than any inventory record gitops writes"
                            + " (at most 64 MiB); fix it or restore it from a backup");
        }

        Files.writeString(inventory, "\"" + "a".repeat(1000) + "\"");
        try (DirectoryTarget dir = new DirectoryTarget(target)) {
            assertThatThrownBy(dir::readInventory).isInstanceOf(TargetException.class)
                    .hasMessageStartingWith(inventory + " holds a JSON string, not the inventory record gitops writes; fix it or restore it");
        }
    }

    @Test
    void aFolderThisUserMayNotChangeIsNamedWithItsOwner() throws Exception {
        // Made by "another user": owned by nobody, and immutable, since root may change any folder it owns or not.
        Path secrets = Files.createDirectories(target.resolve("_core/Secret/shop")).getParent();
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
        assumeTrue(run("chown", "nobody", secrets.toString()) == 0, "chown needs root");
        assumeTrue(run("chattr", "+i", secrets.toString()) == 0, "chattr +i needs root on a file system that has it");
        try (DirectoryTarget dir = new DirectoryTarget(target)) {
            ApplyResult result = new FlowFixture(tmp.resolve("repo"), ENV, dir).applyNow(commit);

            assertThat(result.succeeded()).isFalse();
            Outcome failed = result.outcomes().get(0);
            assertThat(failed.error()).isEqualTo("cannot write Secret/shop/db to " + secrets.resolve("shop/db.yaml")
                    + ": Operation not permitted on the folder " + secrets + " (it belongs to nobody; gitops runs as "
                    + System.getProperty("user.name") + ")");
        } finally {
            run("chattr", "-i", secrets.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
