package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.testing.Trees;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a chart must not be able to do to the machine that renders it, with a real helm binary and with the
 * embedded library: reach a cluster, run for ever, outlive an abort, or put a value in an error message.
 */
class HelmSafetyTest {
    private static final String FOREVER = "{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}\n";

    @TempDir
    Path tmp;

    /** Called before any lambda that expects a failure, so a missing helm skips the test instead of failing it. */
    private HelmProcess helm(String runner, Duration timeout, Map<String, String> inherited) {
        return new HelmProcess(runner.equals("binary") ? Optional.of(RealHelm.binary()) : Optional.empty(), timeout,
                inherited);
    }

    private DesiredState render(HelmProcess helm) {
        return new Renderer(RenderOptions.defaults(), Progress.NONE, Kustomize.onPath(), helm)
                .render(new DirectorySnapshot(tmp.resolve("repo"), "env"));
    }

    private void chart(String template) throws IOException {
        Path chart = tmp.resolve("repo/env/app");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("templates/t.yaml"), template);
    }

    /** This JVM's live child processes (other tests may have left some, which are not this test's). */
    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "embedded"})
    void lookupAnswersEmptyAndNoServerTheEnvironmentNamesIsContacted(String runner) throws Exception {
        Trees.replace(HelmReferenceTest.resource("charts/hooks-demo"), tmp.resolve("repo/env/app"));
        try (ServerSocket cluster = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!cluster.isClosed()) {
                    try (Socket ignored = cluster.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            String server = "http://127.0.0.1:" + cluster.getLocalPort();
            Path kubeconfig = tmp.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: live, cluster: {server: "%s"}}]
                    users: [{name: admin, user: {token: t}}]
                    contexts: [{name: live, context: {cluster: live, user: admin}}]
                    current-context: live
                    """.formatted(server));
            Map<String, String> agent = Map.of("PATH", System.getenv("PATH"), "KUBECONFIG", kubeconfig.toString(),
                    "KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
                    String.valueOf(cluster.getLocalPort()), "HTTP_PROXY", server, "HTTPS_PROXY", server);

            DesiredState state = render(helm(runner, HelmProcess.DEFAULT_TIMEOUT, agent));

            Map<String, Object> data = Documents.map(state.find(new ResourceId("", "ConfigMap", "default",
                    "app-settings")).orElseThrow().body(), "data").orElseThrow();
            assertThat(data).containsEntry("adminFound", "no").containsEntry("nodes", "0");
            cluster.close();
            acceptor.join(5000);
            assertThat(connections).hasValue(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "embedded"})
    void aTemplateThatNeverEndsIsStoppedAtTheTimeLimitNamingTheChart(String runner) throws Exception {
        chart(FOREVER);
        HelmProcess process = helm(runner, Duration.ofSeconds(3), System.getenv());
        Set<Long> earlier = children();
        long before = System.nanoTime();

        InvalidDesiredStateException error = catchThrowableOfType(InvalidDesiredStateException.class,
                () -> render(process));

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/app/Chart.yaml", 0));
            assertThat(p.message()).contains("chart env/app", "did not finish within 3 s", "GITOPS_HELM_TIMEOUT");
        });
        assertThat(children()).isSubsetOf(earlier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "embedded"})
    void anInterruptKillsTheRenderAtOnce(String runner) throws Exception {
        chart(FOREVER);
        HelmProcess helm = helm(runner, Duration.ofMinutes(10), System.getenv());
        Set<Long> earlier = children();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                render(helm);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        build.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (earlier.containsAll(children()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        long before = System.nanoTime();
        build.interrupt();
        build.join(10_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(thrown.get()).isInstanceOf(GitopsException.class).hasMessageContaining("interrupted");
        assertThat(children()).isSubsetOf(earlier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "embedded"})
    void sigtermEndsTheRenderAndItsChild(String runner) throws Exception {
        chart(FOREVER);
        String helm = runner.equals("binary") ? RealHelm.binary().toString() : "embedded";
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RenderUntilKilled.class.getName(), tmp.resolve("repo")
                .toString(), helm).redirectErrorStream(true).redirectOutput(tmp.resolve("jvm.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Optional<ProcessHandle> child = Optional.empty();
            while (child.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                child = jvm.descendants().findFirst();
            }
            assertThat(child).as("the render's child process").isPresent();
            Thread.sleep(500);
            long before = System.nanoTime();

            jvm.destroy(); // SIGTERM

            assertThat(jvm.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(15));
            assertThat(child.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            jvm.descendants().forEach(ProcessHandle::destroyForcibly);
            jvm.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "embedded"})
    void helmsErrorsKeepTheFileButNotTheValue(String runner) throws Exception {
        chart("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata: !!int {{ .Values.password }}\n");
        Files.writeString(tmp.resolve("repo/env/app/values.yaml"), "password: s3cretvalue\n");
        HelmProcess process = helm(runner, HelmProcess.DEFAULT_TIMEOUT, System.getenv());

        InvalidDesiredStateException error = catchThrowableOfType(InvalidDesiredStateException.class,
                () -> render(process));

        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin().file()).isEqualTo("env/app/templates/t.yaml");
            assertThat(p.message()).contains("helm template failed").doesNotContain("s3cretvalue");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "embedded"})
    void aTemplateErrorIsAtTheTemplatesFileAndLine(String runner) throws Exception {
        chart("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: {{ .Values.missing.deeper }}\n");
        HelmProcess process = helm(runner, HelmProcess.DEFAULT_TIMEOUT, System.getenv());

        InvalidDesiredStateException error = catchThrowableOfType(InvalidDesiredStateException.class,
                () -> render(process));

        assertThat(error.problems()).extracting(Problem::origin)
                .containsExactly(new Origin("env/app/templates/t.yaml", 6));
        assertThat(error.problems().get(0).message()).contains(runner.equals("binary")
                ? "(rendered by helm v" : "(rendered by embedded helm-java");
    }
}
