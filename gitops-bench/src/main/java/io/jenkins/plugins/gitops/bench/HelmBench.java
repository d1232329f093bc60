package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.render.HelmProcess;
import io.jenkins.plugins.gitops.engine.render.Kustomize;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.Renderer;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Helm charts rendered by the engine (through a helm binary, and through the bundled library in a child JVM)
 * beside {@code helm template} of the same chart, in the same run: a small chart (ten templates) and a large
 * one (one template emitting many documents), and the peak memory of each in new processes, with a huge chart
 * (100,000 documents from one template) measured once. The engine's time includes the commit's checkout and the
 * parse and validation of every object; {@code helm template} only writes its output.
 */
final class HelmBench {
    static final int LARGE_DOCUMENTS = 20_000;
    static final String NO_HELM = "helm charts: no helm binary (GITOPS_HELM, .tools/helm/helm or PATH); run"
            + " .ci/install-helm";

    private HelmBench() {
    }

    /** {@code hugeDocuments}: the documents of the chart measured once in new processes only (0: none). */
    static List<Row> run(Path work, int warmup, int runs, int hugeDocuments) {
        Optional<Path> helm = helmBinary();
        if (helm.isEmpty()) {
            return List.of(Row.figure(NO_HELM, Double.NaN, "", "", null));
        }
        List<Row> rows = new ArrayList<>();
        String small = "small chart (10 templates)";
        Path smallChart = smallChart(work.resolve("chart-small"));
        rows.addAll(chartRows(small, smallChart, helm.get(), warmup, runs));
        rows.addAll(newProcessRows(small, smallChart, helm.get(), work, false));
        String large = "large chart (" + LARGE_DOCUMENTS + " documents)";
        Path largeChart = manyDocuments(work.resolve("chart-large"), LARGE_DOCUMENTS);
        rows.addAll(chartRows(large, largeChart, helm.get(), Math.min(warmup, 1), Math.min(runs, 3)));
        rows.addAll(newProcessRows(large, largeChart, helm.get(), work, false));
        if (hugeDocuments > 0) {
            rows.addAll(newProcessRows("huge chart (" + hugeDocuments + " documents)",
                    manyDocuments(work.resolve("chart-huge"), hugeDocuments), helm.get(), work, true));
        }
        return rows;
    }

    /**
     * Peak memory, each in a new process as a user meets it: {@code helm template}, and the engine's render in a JVM
     * started as {@code ./gitops} starts one (serial collector, C1, the default heap limit) together with the helm
     * binary or the child JVM it starts. With {@code timed}, the wall times of those runs too (the chart is too
     * large to render more than once).
     */
    private static List<Row> newProcessRows(String name, Path repository, Path helm, Path work, boolean timed) {
        Path out = work.resolve("helm-child.out");
        Path err = work.resolve("helm-child.err");
        NewProcess reference = NewProcess.check(List.of(helm.toString(), "template", "bench",
                repository.resolve("env/app").toString()), out, err, 0);
        NewProcess binary = NewProcess.check(renderChild(repository, helm.toString()), out, err, 0);
        NewProcess embedded = NewProcess.check(renderChild(repository, HelmRenderChild.EMBEDDED), out, err, 0);
        List<Row> rows = new ArrayList<>();
        if (timed) {
            rows.add(Row.figure(name + ": helm template, new process", reference.millis(), "ms", "", null));
            rows.add(Row.figure(name + ": engine render, helm binary, new process", binary.millis(), "ms", "", null));
            rows.add(Row.figure(name + ": engine render, bundled Helm, new process", embedded.millis(), "ms", "",
                    null));
        }
        rows.add(Row.figure(name + ": peak RSS, helm template", reference.peakRssMb(), "MB", "", null));
        rows.add(Row.figure(name + ": peak RSS, engine render + helm binary", binary.peakTreeRssMb(), "MB", "",
                null));
        rows.add(Row.figure(name + ": peak RSS, engine render + bundled Helm's child JVM", embedded.peakTreeRssMb(),
                "MB", "", null));
        return rows;
    }

    private static List<String> renderChild(Path repository, String runner) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), HelmRenderChild.class.getName(), repository.toString(), runner);
    }

    private static List<Row> chartRows(String name, Path repository, Path helm, int warmup, int runs) {
        Samples reference = Samples.timed(warmup, runs, () -> helmTemplate(helm, repository.resolve("env/app")));
        Samples binary = Samples.timed(warmup, runs, () -> timedRender(repository, Optional.of(helm)));
        Samples embedded = Samples.timed(warmup, runs, () -> timedRender(repository, Optional.empty()));
        return List.of(
                Row.timed(name + ": helm template", reference, "", null),
                Row.timed(name + ": engine render, helm binary", binary, "", null),
                Row.timed(name + ": engine render, bundled Helm in a child JVM", embedded, "", null),
                Row.figure(name + ": engine (helm binary) / helm template", binary.min() / reference.min(), "x", "",
                        null));
    }

    private static double timedRender(Path repository, Optional<Path> helm) {
        long start = System.nanoTime();
        render(repository, helm);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Renders the chart at {@code env/app} of the repository's HEAD; returns how many resources it gave. */
    static int render(Path repository, Optional<Path> helm) {
        try (SourceSnapshot snapshot = GitSource.open(new SourceSpec(repository.toString(), "HEAD", "env"))) {
            DesiredState state = new Renderer(RenderOptions.defaults(), Progress.NONE, Kustomize.onPath(),
                    new HelmProcess(helm, HelmProcess.DEFAULT_TIMEOUT)).render(snapshot);
            if (state.resources().isEmpty()) {
                throw new IllegalStateException("the chart rendered nothing");
            }
            return state.resources().size();
        }
    }

    private static double helmTemplate(Path helm, Path chart) {
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(helm.toString(), "template", "bench", chart.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("helm template failed on " + chart);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static Path smallChart(Path repository) {
        try (GitRepoFixture repo = GitRepoFixture.init(repository)) {
            repo.write("env/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
            repo.write("env/app/values.yaml", "replicas: 2\nimage: nginx:1.27\n");
            for (int i = 0; i < 10; i++) {
                repo.write("env/app/templates/t" + i + ".yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: {{ .Release.Name }}-web-%d
                          labels: {app: web-%d, release: {{ .Release.Name | quote }}}
                        spec:
                          replicas: {{ .Values.replicas }}
                          selector: {matchLabels: {app: web-%d}}
                          template:
                            metadata: {labels: {app: web-%d}}
                            spec:
                              containers:
                                - name: web
                                  image: {{ .Values.image }}
                                  ports: [{containerPort: 80}]
                        """.formatted(i, i, i, i));
            }
            repo.commit("small chart");
            return repository;
        }
    }

    /** A chart of one template emitting {@code count} ConfigMaps. */
    private static Path manyDocuments(Path repository, int count) {
        try (GitRepoFixture repo = GitRepoFixture.init(repository)) {
            repo.write("env/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
            repo.write("env/app/values.yaml", "count: " + count + "\n");
            repo.write("env/app/templates/many.yaml", """
                    {{- range $i := until (int .Values.count) }}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: cm-{{ $i }}
                    data:
                      v: {{ $i | quote }}
                    {{- end }}
                    """);
            repo.commit("chart of " + count + " documents");
            return repository;
        }
    }

    /**
     * GITOPS_HELM, then .tools/helm/helm (from .ci/install-helm) in the working directory or one above it (the
     * module's directory under Maven, anywhere in the repository for ./bench), then PATH.
     */
    static Optional<Path> helmBinary() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv(HelmProcess.HELM_VARIABLE)).map(Path::of).ifPresent(candidates::add);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(Path.of(".tools", "helm", "helm")));
        }
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(dir -> Path.of(dir, "helm")).forEach(candidates::add);
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
