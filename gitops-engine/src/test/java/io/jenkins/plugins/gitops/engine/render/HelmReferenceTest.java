package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.testing.Trees;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Public charts (kept with their licenses) rendered by the engine, through a real helm binary and through the
 * embedded library, compared object by object with the reference: {@code helm template --include-crds} of a
 * real helm, test hooks aside.
 */
class HelmReferenceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "corpus/podinfo-chart, binary", "corpus/podinfo-chart, embedded",
            "charts/ingress-nginx, binary", "charts/ingress-nginx, embedded",
            "charts/hooks-demo, binary", "charts/hooks-demo, embedded"})
    void rendersTheSameObjectsAsHelmTemplate(String chart, String runner) throws Exception {
        Path helm = RealHelm.binary();
        Path repo = tmp.resolve("repo");
        Trees.replace(resource(chart), repo.resolve("env/app"));
        HelmProcess process = new HelmProcess(runner.equals("binary") ? Optional.of(helm) : Optional.empty(),
                HelmProcess.DEFAULT_TIMEOUT);
        RenderOptions options = RenderOptions.defaults().withHelm(new HelmSettings("rel", null, List.of(), Map.of(),
                null, ""));

        DesiredState state = new Renderer(options, Progress.NONE, Kustomize.onPath(), process)
                .render(new DirectorySnapshot(repo, "env"));

        Map<String, Object> expected = reference(helm, repo.resolve("env/app"));
        Map<String, Object> actual = new TreeMap<>();
        for (Resource resource : state.resources()) {
            actual.put(key(resource.body()), resource.body());
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isNotEmpty();
        // The plan names the Helm that rendered it: the binary with the version it reports, or the library.
        assertThat(state.renderedBy()).containsExactly(runner.equals("binary")
                ? "helm " + version(helm) + " (" + helm + ")" : "embedded helm-java 0.0.21 (child JVM)");
    }

    private static String version(Path helm) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(helm.toString(), "version", "--short").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return version.contains("+") ? version.substring(0, version.indexOf('+')) : version;
    }

    /** {@code helm template rel <chart> --include-crds}, as maps by kind/namespace/name, test hooks left out. */
    private Map<String, Object> reference(Path helm, Path chart) throws IOException, InterruptedException {
        Path out = tmp.resolve("helm.out");
        Process process = new ProcessBuilder(helm.toString(), "template", "rel", chart.toString(), "--include-crds",
                "--kube-version", HelmSettings.DEFAULT_KUBE_VERSION).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        Map<String, Object> objects = new TreeMap<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions()))
                .loadAll(Files.readString(out, StandardCharsets.UTF_8))) {
            if (document instanceof Map<?, ?> map && !isTestHook(map)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) map;
                objects.put(key(body), body);
            }
        }
        return objects;
    }

    private static boolean isTestHook(Map<?, ?> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) body;
        return Documents.annotations(typed).map(a -> String.valueOf(a.get("helm.sh/hook")))
                .filter(hook -> hook.startsWith("test")).isPresent();
    }

    private static String key(Map<String, Object> body) {
        Map<String, Object> metadata = Documents.metadata(body).orElseThrow();
        return body.get("kind") + "/" + metadata.getOrDefault("namespace", "") + "/" + metadata.get("name");
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(HelmReferenceTest.class.getResource("/" + name).toURI());
    }
}
