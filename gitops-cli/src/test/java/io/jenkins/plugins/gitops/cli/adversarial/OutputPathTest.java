package io.jenkins.plugins.gitops.cli.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, point 1: {@code plan --out} names something that is not a regular file. The plan file used to be written
 * as a temp file renamed over the destination, which replaced {@code /dev/null} (as root) or a FIFO with a regular
 * file. Every case here uses its own device node or FIFO in a temp folder, never the machine's {@code /dev/null}.
 */
class OutputPathTest {
    @TempDir
    Path tmp;
    private List<String> plan;

    @BeforeEach
    void repository() {
        try (GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"))) {
            git.write("envs/prod/app.yaml", configMap("settings", "color", "blue"));
            git.commit("one");
        }
        plan = List.of("plan", "--repo", tmp.resolve("repo").toString(), "--path", "envs/prod",
                "--target", "dir:" + tmp.resolve("target"), "--out");
    }

    private Cli planTo(Path out) {
        List<String> args = new ArrayList<>(plan);
        args.add(out.toString());
        return Cli.run(args);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String type(Path file) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return Integer.toOctalString(mode & 0170000);
    }

    @Test
    void aCharacterDeviceIsWrittenThroughAndStaysADevice() throws Exception {
        Path device = tmp.resolve("null");
        // The same device as /dev/null (major 1, minor 3), made here so that a failure breaks nothing shared.
        assumeTrue(run("mknod", device.toString(), "c", "1", "3") == 0, "mknod needs root");

        Cli run = planTo(device);

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(type(device)).as("still a character device").isEqualTo("20000");
        assertThat(Files.size(device)).isZero();
    }

    @Test
    void aFifoIsWrittenThroughToItsReader() throws Exception {
        Path fifo = tmp.resolve("plan.fifo");
        assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo");
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Cli run = planTo(fifo);

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        String received = read.get(20, TimeUnit.SECONDS);
        assertThat(type(fifo)).as("still a FIFO").isEqualTo("10000");
        // What the reader got is the whole plan file: it applies.
        Path saved = Files.writeString(tmp.resolve("saved.json"), received);
        Cli apply = Cli.run("apply", saved.toString(), "--repo", tmp.resolve("repo").toString(),
                "--target", "dir:" + tmp.resolve("target"));
        assertThat(apply.code()).as(apply.toString()).isZero();
        assertThat(tmp.resolve("target/_core/ConfigMap/shop/settings.yaml")).exists();
    }

    @Test
    void aFolderIsRefusedByName() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("plans"));
        Files.writeString(folder.resolve("keep.txt"), "kept");

        Cli run = planTo(folder);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write plan file " + folder + ": it is a folder; give a file name")
                .doesNotContain("This is a bug");
        assertThat(folder.resolve("keep.txt")).hasContent("kept");
    }

    @Test
    void aLinkToAFileStaysALinkAndTheFileGetsThePlan() throws IOException {
        Path real = Files.writeString(tmp.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), real);

        Cli run = planTo(link);

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("\"planDigest\"");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling.json"), tmp.resolve("missing/plan.json"));

        Cli run = planTo(link);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("it is a link to a file that does not exist");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void aNewFileInANewFolderIsCreated() throws IOException {
        Path out = tmp.resolve("new/folder/plan.json");

        Cli run = planTo(out);

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(Files.readString(out)).contains("\"planDigest\"");
    }
}
