package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs every benchmark once, on this machine, and prints one table: plan time and heap at two sizes and
 * their ratios, the SnakeYAML parse floor, apply parallelism against the Kubernetes mock, and the first
 * HTML view of a large plan. Progress goes to stderr, the table to stdout.
 */
public final class Bench {
    private static final double MB = 1024 * 1024;
    /** Starts the line of figures a child JVM prints for its parent. */
    static final String RESULT = "RESULT";
    /** Where results go so the JIT keeps the work that made them. */
    private static volatile int sink;

    private Bench() {
    }

    public static void main(String[] args) {
        if (Settings.wantsHelp(args)) {
            System.out.print(Settings.usage());
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<Row> rows = run(settings, System.err);
        print(settings, rows, System.out);
    }

    static void consume(Object result) {
        sink += System.identityHashCode(result);
    }

    /** Every row, in the order printed. Works in a temporary directory removed at the end. */
    public static List<Row> run(Settings s, PrintStream log) {
        Path work;
        try {
            work = Files.createTempDirectory("gitops-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (s.shapes().equals("only")) {
                return shapes(s, work, log);
            }
            if (s.helm().equals("only")) {
                return helm(s, work, log);
            }
            Map<Integer, Map<String, Double>> plans = new HashMap<>();
            Environment large = null;
            List<Row> rows = new ArrayList<>(List.of(KubeBench.load("directory plans")));
            for (int size : s.sizes()) {
                large = planDirectory(s, work, log, size, s.childHeap(), plans);
            }
            rows.addAll(planRows(s, plans));
            if (s.scale() > 0) {
                rows.add(KubeBench.load("the directory plan of " + s.scale()));
                planDirectory(s, work, log, s.scale(), s.scaleHeap(), plans);
                rows.addAll(scaleRows(s, plans));
            }

            log.printf("bench: one file of %,d and of %,d documents, and a 50 MB value%n", ParseBench.FEW_DOCUMENTS,
                    ParseBench.MANY_DOCUMENTS);
            rows.addAll(ParseBench.run(work, s.warmup(), s.runs()));

            if (s.helm().equals("on")) {
                rows.addAll(helm(s, work, log));
            }

            log.printf("bench: first HTML view of a plan of %,d changes%n", s.large());
            HtmlBench.Result html = HtmlBench.run(large, work, s.warmup(), s.runs());
            large = null;
            rows.add(Row.timed("HTML first view (" + html.changes() + " changes): read plan + summary + page 1",
                    html.time(), "< 1000 ms", html.time().median() < 1000));
            rows.add(Row.figure("HTML first view size", html.bytes() / 1024.0, "KiB", "", null));

            rows.add(KubeBench.load("the apply parallelism runs"));
            log.printf("bench: applying %,d resources to the Kubernetes mock, %d ms per request%n",
                    s.applyResources(), s.latencyMillis());
            Environment applied = load(Corpus.generate(work.resolve("repo-apply"), s.applyResources(), false));
            Samples serial = ApplyBench.run(applied, s.latencyMillis(), 1, s.applyWarmup(), s.applyRuns());
            Samples parallel = ApplyBench.run(applied, s.latencyMillis(), 16, s.applyWarmup(), s.applyRuns());
            double speedup = serial.median() / parallel.median();
            rows.add(Row.timed("apply " + s.applyResources() + ", one at a time", serial, "", null));
            rows.add(Row.timed("apply " + s.applyResources() + ", parallelism 16", parallel, "", null));
            rows.add(Row.figure("apply speed-up, parallel vs one at a time", speedup, "x", ">= 8", speedup >= 8));
            rows.addAll(KubeBench.plans(s, work, log));
            rows.addAll(KubeBench.applies(s, work, log));
            if (s.shapes().equals("on")) {
                rows.addAll(shapes(s, work, log));
            }
            return rows;
        } finally {
            delete(work);
        }
    }

    private static List<Row> helm(Settings s, Path work, PrintStream log) {
        log.printf("bench: Helm charts, a small one, one of %,d and one of %,d documents, beside helm template%n",
                HelmBench.LARGE_DOCUMENTS, s.helmHuge());
        return HelmBench.run(work, s.warmup(), s.runs(), s.helmHuge());
    }

    /**
     * Real shapes: the diff of one large object, then, from a checkout of this repository (the {@code gitops.root}
     * property {@code ./bench} sets), kube-prometheus and the quickstart through {@code ./gitops} beside kubectl.
     */
    private static List<Row> shapes(Settings s, Path work, PrintStream log) {
        log.println("bench: the diff of one object of 100 KB, 1 MB and 5 MB");
        List<Row> rows = new ArrayList<>(DiffBench.run(s.warmup(), s.runs()));
        String root = System.getProperty("gitops.root");
        if (root == null || !Kubectl.available()) {
            log.println("bench: kube-prometheus and start-up rows skipped: they need ./bench (a checkout) and kubectl");
            return rows;
        }
        rows.addAll(ShapesBench.run(Path.of(root), s.runs(), work, log));
        return rows;
    }

    /** Generates a corpus of {@code size} and its live state, plans it in a child JVM; returns it loaded. */
    private static Environment planDirectory(Settings s, Path work, PrintStream log, int size, String heap,
            Map<Integer, Map<String, Double>> plans) {
        log.printf("bench: generating %,d resources in a Git repository and the live state with %d%% drift%n",
                size, LiveState.DRIFT_PERCENT);
        Corpus corpus = Corpus.generate(work.resolve("repo-" + size), size, true);
        Environment env = load(corpus);
        Path live = work.resolve("live-" + size);
        LiveState.write(env, live);
        log.printf("bench: planning %,d resources in a JVM with -Xmx%s%n", size, heap);
        plans.put(size, child(heap, PlanChild.class.getName(), List.of(corpus.repository().toString(),
                live.toString(), Integer.toString(s.warmup()), Integer.toString(s.runs()))));
        return env;
    }

    /** The directory target at scale: the same figures, its own heap limit, ratios to the large size. */
    private static List<Row> scaleRows(Settings s, Map<Integer, Map<String, Double>> plans) {
        Map<String, Double> p = plans.get(s.scale());
        double heapLimit = parseHeap(s.scaleHeap()) / MB;
        double timeRatio = p.get("planMedian") / plans.get(s.large()).get("planMedian");
        double parseRatio = p.get("planMedian") / p.get("parseMedian");
        double linear = (double) s.scale() / s.large();
        return List.of(
                new Row("plan " + s.scale() + " (" + p.get("changes").intValue() + " changes)", p.get("planMin"),
                        p.get("planMedian"), "ms", "", null),
                new Row("SnakeYAML parse of the same " + s.scale(), p.get("parseMin"), p.get("parseMedian"), "ms", "",
                        null),
                Row.figure("peak heap used " + s.scale() + " (in -Xmx" + s.scaleHeap() + ")", p.get("peakUsed") / MB,
                        "MB", "<= " + Math.round(heapLimit) + " MB", p.get("peakUsed") / MB <= heapLimit),
                Row.figure("plan time ratio " + s.scale() + "/" + s.large(), timeRatio, "x",
                        String.format(Locale.ROOT, "<= %.1f", linear * 1.2), timeRatio <= linear * 1.2),
                Row.figure("plan/parse ratio at " + s.scale(), parseRatio, "x", "<= 2.5", parseRatio <= 2.5));
    }

    private static long parseHeap(String heap) {
        String h = heap.toLowerCase(Locale.ROOT);
        long unit = h.endsWith("g") ? 1L << 30 : h.endsWith("m") ? 1L << 20 : h.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? h : h.substring(0, h.length() - 1)) * unit;
    }

    private static List<Row> planRows(Settings s, Map<Integer, Map<String, Double>> plans) {
        Map<String, Double> small = plans.get(s.small());
        Map<String, Double> large = plans.get(s.large());
        List<Row> rows = new ArrayList<>();
        for (int size : s.sizes()) {
            Map<String, Double> p = plans.get(size);
            boolean isLarge = size == s.large();
            rows.add(new Row("plan " + size + " (" + p.get("changes").intValue() + " changes)", p.get("planMin"),
                    p.get("planMedian"), "ms", isLarge ? "<= 3000 ms" : "", isLarge ? p.get("planMedian") <= 3000 : null));
            rows.add(new Row("SnakeYAML parse of the same " + size, p.get("parseMin"), p.get("parseMedian"), "ms", "",
                    null));
            rows.add(Row.figure("peak heap used " + size + " (in -Xmx" + s.childHeap() + ")", p.get("peakUsed") / MB,
                    "MB", isLarge ? "<= 512 MB" : "", isLarge ? p.get("peakUsed") / MB <= 512 : null));
            rows.add(Row.figure("peak heap live " + size, p.get("peakLive") / MB, "MB", "", null));
        }
        double timeRatio = large.get("planMedian") / small.get("planMedian");
        double heapRatio = large.get("peakLive") / small.get("peakLive");
        double parseRatio = large.get("planMedian") / large.get("parseMedian");
        rows.add(Row.figure("plan time ratio " + s.large() + "/" + s.small(), timeRatio, "x", "<= 12", timeRatio <= 12));
        rows.add(Row.figure("peak live heap ratio " + s.large() + "/" + s.small(), heapRatio, "x", "<= 12",
                heapRatio <= 12));
        rows.add(Row.figure("plan/parse ratio at " + s.large(), parseRatio, "x", "<= 2.5", parseRatio <= 2.5));
        return rows;
    }

    private static Environment load(Corpus corpus) {
        return new EnvironmentLoader(RenderOptions.defaults(), List.of(), Progress.NONE)
                .load(new SourceSpec(corpus.repository().toString(), "HEAD", Corpus.PATH));
    }

    /**
     * Runs {@code mainClass} in a fresh JVM capped at the heap to prove (an OutOfMemoryError there fails the
     * benchmark) and returns the figures of its {@value #RESULT} line.
     */
    static Map<String, Double> child(String heap, String mainClass, List<String> args) {
        return child(heap, System.getProperty("java.class.path"), mainClass, args);
    }

    /** Like {@link #child(String, String, List)}, on another class path (another build of the engine). */
    static Map<String, Double> child(String heap, String classpath, String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        // For profiling, e.g. BENCH_CHILD_OPTS=-XX:StartFlightRecording=filename=plan.jfr
        String extra = System.getenv().getOrDefault("BENCH_CHILD_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, Double> result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(RESULT + " ")) {
                        result = new HashMap<>();
                        for (String pair : line.substring(RESULT.length() + 1).split(" ")) {
                            String[] kv = pair.split("=", 2);
                            result.put(kv[0], Double.valueOf(kv[1]));
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || result == null) {
                throw new IllegalStateException(mainClass + " " + args + " failed in a JVM with -Xmx" + heap
                        + " (exit code " + exit + "); see its output above");
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void print(Settings s, List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-64s %12s %12s  %-5s %-11s %s%n", "measure", "min", "median", "unit", "target", "met");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-64s %12.1f %12.1f  %-5s %-11s %s%n", r.measure(), r.min(), r.median(), r.unit(),
                    r.target(), r.met() == null ? "" : r.met() ? "yes" : "NO");
        }
        out.printf(Locale.ROOT, "%d warm-up + %d measured runs per figure (apply: %d + %d; Kubernetes apply: %d + %d);"
                + " %d cores, Java %s; load average (1 min) at the end %.1f%n", s.warmup(), s.runs(), s.applyWarmup(),
                s.applyRuns(), s.kubeApplyWarmup(), s.applyRuns(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), LoadAverage.now());
    }

    /** Removes {@code dir} and everything in it, if it exists. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
