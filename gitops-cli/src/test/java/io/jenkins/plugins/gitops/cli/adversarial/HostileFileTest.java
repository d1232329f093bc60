package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, points 2 and 3: files a user names (a kubeconfig, a variable file, a plan file, a password file) that
 * are malformed, endless or hostile end in a clear error naming the file, never in a trace, "This is a bug", a
 * process out of memory, or a kubeconfig's credential quoted in the message.
 */
class HostileFileTest {
    static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IkS3cr3t";

    @TempDir
    Path tmp;
    List<String> source;

    @BeforeEach
    void repository() {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: b\n");
        git.commit("first");
        source = List.of("--repo", git.dir().toString(), "--path", "env");
    }

    @Test
    void aMalformedKubeconfigIsNamedWithItsLineButNeverQuoted() throws Exception {
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dev
                  cluster: {server: https://127.0.0.1:6443}
                users:
                - name: dev
                  user:
                    token: %s: trailing
                contexts:
                - name: dev
                  context: {cluster: dev, user: dev}
                current-context: dev
                """.formatted(TOKEN));

        Cli cli = failed(List.of("plan", "--target", "kubernetes", "--kubeconfig", kubeconfig.toString()));

        assertThat(cli.err()).contains("kubeconfig " + kubeconfig + " cannot be read: line 9 is not valid YAML")
                .doesNotContain(TOKEN).doesNotContain("trailing");
    }

    @Test
    void aKubeconfigOfRandomBytesIsNamedButNeverQuoted() throws Exception {
        byte[] noise = new byte[4096];
        new Random(26).nextBytes(noise);
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.write(kubeconfig, noise);
        // The same bytes made valid UTF-8 reach the YAML check: printable noise, a control character early on.
        Path printable = tmp.resolve("printable");
        StringBuilder text = new StringBuilder("token: " + TOKEN + "\n");
        for (byte b : noise) {
            text.append((char) (0x20 + (b & 0x3f)));
        }
        Files.writeString(printable, text.append('\u0007'));

        for (Path file : List.of(kubeconfig, printable)) {
            Cli cli = failed(List.of("plan", "--target", "kubernetes", "--kubeconfig", file.toString()));
            assertThat(cli.err()).contains("kubeconfig " + file + " cannot be read").doesNotContain(TOKEN);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void endlessFilesEndInAnErrorNamingTheFileAndTheLimit() {
        Path zero = Path.of("/dev/zero");
        assertThat(failed(List.of("plan", "--var-file", zero.toString())).err())
                .contains("variable file /dev/zero holds more than 4 MiB");
        assertThat(failed(List.of("plan", "--secret-var-file", zero.toString())).err())
                .contains("variable file /dev/zero holds more than 4 MiB");
        assertThat(failed(List.of("apply", zero.toString())).err())
                .contains("plan file /dev/zero holds more than 256 MiB");
        assertThat(failed(List.of("plan", "--target", "git:" + tmp.resolve("deploy") + "#main", "--git-user", "ci",
                "--git-password-file", zero.toString())).err())
                .contains("--git-password-file /dev/zero holds more than 64 KiB");
    }

    @Test
    void deeplyNestedPlanFilesAreRefusedAsPlanFiles() throws Exception {
        Path arrays = tmp.resolve("arrays.json");
        Files.writeString(arrays, "[".repeat(5000));
        Path objects = tmp.resolve("objects.json");
        Files.writeString(objects, "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));

        for (Path plan : List.of(arrays, objects)) {
            assertThat(failed(List.of("apply", plan.toString())).err())
                    .contains(plan + " is not a plan file (it nests JSON more than 64 levels deep)");
        }
    }

    private Cli failed(List<String> command) {
        Cli cli = Cli.run(BadInputTest.concat(command, source));
        assertThat(cli.code()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).as(cli.toString()).startsWith("error: ").doesNotContain("This is a bug")
                .doesNotContain("Exception").doesNotContain("\tat ");
        return cli;
    }
}
