package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --debug}: the engine's decisions and the stack trace of a bug on stderr, and nothing of it without. */
class DebugOptionTest {
    static final String TOKEN = "t0ken-n3ver-logged";

    @TempDir
    Path tmp;
    GitRepoFixture git;

    @BeforeEach
    void setUp() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/app.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                  namespace: web
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                  namespace: web
                data:
                  token: ${TOKEN_B64}
                """);
        git.commit("first");
    }

    private String[] args(String... first) {
        String[] rest = {"--repo", git.dir().toString(), "--path", "env", "--target", "dir:" + tmp.resolve("target"),
            "--var", "TOKEN_B64=" + Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))};
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void debugShowsTheDecisionsOnStderrOnlyAndOtherwiseChangesNothing() {
        Cli plain = Cli.run(args("plan"));
        Cli debug = Cli.run(args("plan", "--debug"));

        assertThat(debug.exitCode()).as(debug.toString()).isEqualTo(2).isEqualTo(plain.exitCode());
        assertThat(debug.err()).contains("debug: Renderer: render 'env': 1 plain file(s), kustomize [], Helm chart(s) [],"
                + " 0 file(s) not rendered");
        assertThat(debug.out()).isEqualTo(plain.out());
        String withoutDebugLines = debug.err().lines().filter(l -> !l.startsWith("debug: "))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(withoutDebugLines).isEqualTo(plain.err());
        assertThat(plain.err()).doesNotContain("debug:");
        assertThat(Logger.getLogger(DebugLog.LOGGERS).getHandlers()).as("the handler is removed after the run").isEmpty();
    }

    @Test
    void debugBeforeTheCommandNameShowsTheLockAndPlanChecksOfAnApplyAndNoSecret() {
        Path planFile = tmp.resolve("app.plan.json");
        assertThat(Cli.run(args("plan", "--out", planFile.toString())).exitCode()).isEqualTo(2);

        Cli apply = Cli.run(args("--debug", "apply", planFile.toString()));

        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.err()).contains("debug: StalePlanChecks: the plan made at ")
                .contains(" is current: 2 change(s) consistent")
                .containsPattern("debug: LockKeeper: renewed the target lock of .+ until ");
        assertThat(apply.err() + apply.out()).doesNotContain(TOKEN)
                .doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnexpectedErrorShowsItsStackTraceWithDebugOnly() {
        // A NUL cannot be in a path: Path.of throws InvalidPathException, which the command line does not expect.
        String[] broken = {"plan", "--repo", git.dir().toString(), "--path", "env", "--target", "dir:bad\0path"};
        Cli plain = Cli.run(broken);
        Cli debug = Cli.run(withDebug(broken));

        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
        assertThat(plain.err()).contains("error: unexpected java.nio.file.InvalidPathException")
                .contains("This is a bug in gitops").doesNotContain("\tat ");
        assertThat(debug.exitCode()).as(debug.toString()).isEqualTo(1);
        assertThat(debug.err()).startsWith(plain.err())
                .contains("\tat io.jenkins.plugins.gitops.cli.TargetOptions.spec(TargetOptions.java:");
    }

    private static String[] withDebug(String[] args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--debug";
        return all;
    }
}
