package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --debug}: the engine's decisions and the stack trace of a bug on stderr, and nothing of it without. */
class DebugOptionTest {
    static final String TOKEN = "t0ken-n3ver-logged";

    @TempDir
    Path tmp;
    GitRepoFixture git;

    /** A plain file and a kustomize directory holding a Secret whose value is a variable. */
    @BeforeEach
    void setUp() {
        git = GitRepoFixture.init(tmp.resolve("repo"))
                .write("env/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: web\n")
                .write("env/secrets/kustomization.yaml", "resources:\n- token.yaml\n")
                .write("env/secrets/token.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n"
                        + "  namespace: web\ndata:\n  token: ${TOKEN_B64}\n");
        git.commit("a plain file and a kustomization");
    }

    /** {@code first} (the command, and --debug where a test puts it first), then the source, target and variable. */
    private String[] args(String... first) {
        return Stream.concat(Stream.of(first), Stream.of("--repo", git.dir().toString(), "--path", "env", "--target",
                "dir:" + tmp.resolve("target"), "--var", "TOKEN_B64=" + Base64.getEncoder().encodeToString(
                        TOKEN.getBytes(StandardCharsets.UTF_8)))).toArray(String[]::new);
    }

    @Test
    void debugShowsTheDecisionsOnStderrOnlyAndOtherwiseChangesNothing() {
        Cli plain = Cli.run(args("plan"));
        Cli debug = Cli.run(args("plan", "--debug"));

        assertThat(debug.exitCode()).as(debug.toString()).isEqualTo(2).isEqualTo(plain.exitCode());
        assertThat(debug.err()).contains("debug: Renderer: render 'env': 1 plain file(s), kustomize"
                + " [env/secrets/kustomization.yaml], Helm chart(s) [], Jsonnet [], 0 file(s) not rendered")
                .containsPattern("debug: Kustomize: env/secrets/kustomization.yaml: rendered by \\S*(kubectl kustomize"
                        + "|kustomize build) env/secrets");
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
