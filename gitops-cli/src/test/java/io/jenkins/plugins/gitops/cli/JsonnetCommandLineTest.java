package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Jsonnet environment (Argo CD's jsonnet-guestbook-tla, with top-level arguments in .gitops.yaml) planned and
 * applied by the command line, and the Scala runtime loaded only for it.
 */
class JsonnetCommandLineTest {
    @TempDir
    Path tmp;
    GitRepoFixture git;

    @BeforeEach
    void setUp() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        // From the engine's test jar: read as a resource, not a directory.
        String guestbook = "/corpus/argocd-example-apps/jsonnet-guestbook-tla/guestbook-ui.jsonnet";
        try (var in = getClass().getResourceAsStream(guestbook)) {
            git.write("apps/guestbook/guestbook-ui.jsonnet", in.readAllBytes());
        }
        git.write("apps/guestbook/.gitops.yaml", """
                jsonnet:
                  tlas:                  # Argo CD's form: a variable's digits are a number only as code
                    - {name: name, value: shop}
                    - {name: replicas, value: "${REPLICAS}", code: true}
                    - {name: type, value: ClusterIP}
                """);
        git.write("plain/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n");
        git.commit("jsonnet and plain environments");
    }

    private String[] args(String command, String path) {
        return new String[] {command, "--repo", git.dir().toString(), "--path", path, "--target",
            "dir:" + tmp.resolve("target-" + path.replace('/', '-')), "--var", "REPLICAS=3"};
    }

    @Test
    void aJsonnetEnvironmentPlansAppliesAndVerifies() throws Exception {
        Cli plan = Cli.run(args("plan", "apps/guestbook"));
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("+ create Service/shop").contains("+ create Deployment.apps/shop")
                .contains("Plan: 2 to create");

        Cli debug = Cli.run(with(args("plan", "apps/guestbook"), "--debug"));
        assertThat(debug.err()).contains("Jsonnet [apps/guestbook/guestbook-ui.jsonnet]")
                .containsPattern("apps/guestbook/guestbook-ui.jsonnet: evaluated by sjsonnet in \\d+ ms, 2 resource");

        Cli apply = Cli.run(with(args("apply", "apps/guestbook"), "--auto-approve"));
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(stored("Deployment")).contains("replicas: 3")
                .contains("image: gcr.io/google-samples/gb-frontend:v5");
        assertThat(stored("Service")).contains("type: ClusterIP").doesNotContain("LoadBalancer");

        Cli verify = Cli.run(args("verify", "apps/guestbook"));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    /** The file the directory target wrote for the one resource of this kind. */
    private String stored(String kind) throws IOException {
        try (var files = Files.walk(tmp.resolve("target-apps-guestbook"))) {
            Path file = files.filter(f -> f.getParent().getParent().getFileName().toString().equals(kind))
                    .filter(f -> f.getFileName().toString().equals("shop.yaml")).findFirst().orElseThrow();
            return Files.readString(file);
        }
    }

    @Test
    void theScalaRuntimeLoadsOnlyWhenAnEnvironmentHoldsJsonnet() throws Exception {
        assertThat(loadedClasses("plain")).contains("io.jenkins.plugins.gitops.engine.render.Renderer")
                .doesNotContain("scala.").doesNotContain("sjsonnet.");
        assertThat(loadedClasses("apps/guestbook")).contains("sjsonnet.Interpreter").contains("scala.Option");
    }

    /** The classes a new JVM running {@code gitops plan} on {@code path} loads, as -verbose:class lists them. */
    private String loadedClasses(String path) throws IOException, InterruptedException {
        Path log = tmp.resolve("classes-" + path.replace('/', '-') + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                GitopsCommand.class.getName()));
        command.addAll(List.of(args("plan", path)));
        command.add("-q");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(tmp.resolve("out.txt"))).isEqualTo(2);
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static String[] with(String[] args, String option) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = option;
        return all;
    }
}
