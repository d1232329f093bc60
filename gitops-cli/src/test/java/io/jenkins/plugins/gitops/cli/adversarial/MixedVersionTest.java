package io.jenkins.plugins.gitops.cli.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, point 1: this command line meets records of a newer version (the engine's fixtures in formats/newer). One
 * that only added fields is read and used; one of a higher format is refused by every command as written by a newer
 * version, with the way out in this command line's words, and nothing is changed. It used to be called "not a valid
 * inventory record", with the advice to delete it, which abandons everything it owns.
 */
class MixedVersionTest {
    @TempDir
    Path tmp;
    Path target;
    List<String> source;

    @BeforeEach
    void repository() throws IOException {
        try (GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"))) {
            git.write("envs/prod/app.yaml", configMap("settings", "color", "blue"));
            git.commit("one");
        }
        target = tmp.resolve("target");
        source = List.of("--repo", tmp.resolve("repo").toString(), "--path", "envs/prod", "--target", "dir:" + target);
    }

    void install(String fixture) throws IOException {
        Files.createDirectories(target.resolve(".gitops"));
        try (InputStream in = getClass().getResourceAsStream("/formats/" + fixture)) {
            Files.copy(in, target.resolve(".gitops/inventory.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static List<String> with(List<String> command, List<String> more) {
        return java.util.stream.Stream.concat(command.stream(), more.stream()).toList();
    }

    @Test
    void anInventoryWithANewerVersionsFieldsIsReadAndUsed() throws IOException {
        install("newer/extra-fields/inventory.json");

        Cli history = Cli.run("history", "--target", "dir:" + target);
        assertThat(history.code()).as(history.toString()).isZero();
        assertThat(history.out()).contains("alice", "bob", "carol");

        Cli apply = Cli.run(with(List.of("apply", "--auto-approve", "--user", "dave"), source));
        assertThat(apply.code()).as(apply.toString()).isZero();
        assertThat(Cli.run("history", "--target", "dir:" + target).out()).contains("dave", "alice");
    }

    @Test
    void anInventoryOfANewerFormatIsRefusedByEveryCommandAndKept() throws IOException {
        install("newer/format-2/inventory.json");
        Map<String, String> before = TreeSnapshot.of(target);

        for (List<String> command : List.of(List.of("history", "--target", "dir:" + target), with(List.of("plan"), source),
                with(List.of("apply", "--auto-approve"), source), with(List.of("verify"), source))) {
            Cli run = Cli.run(command);
            assertThat(run.code()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).as(run.toString())
                    .contains("was written by a newer version of gitops-pipeline (format 2; this version reads format 1")
                    .contains("upgrade this gitops command line to the version that wrote it")
                    .doesNotContain("delete").doesNotContain("damaged").doesNotContain("This is a bug");
            // An apply takes the lock before it reads the inventory, and leaves the lock's empty guard file.
            Map<String, String> after = new java.util.HashMap<>(TreeSnapshot.of(target));
            after.remove(".gitops/lock.guard");
            assertThat(after).as(command + " changed the target").isEqualTo(before);
        }
    }
}
