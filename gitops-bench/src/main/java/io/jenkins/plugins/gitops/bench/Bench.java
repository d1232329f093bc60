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
    /** Where results go so the JIT keeps the work that made them. */
    private static volatile int sink;

    private Bench() {
    }

    public static void main(String[] args) {
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
            Map<Integer, Map<String, Double>> plans = new HashMap<>();
            Environment large = null;
            for (int size : s.sizes()) {
                log.printf("bench: generating %,d resources in a Git repository and the live state with %d%% drift%n",
                        size, LiveState.DRIFT_PERCENT);
                Corpus corpus = Corpus.generate(work.resolve("repo-" + size), size, true);
                Environment env = load(corpus);
                Path live = work.resolve("live-" + size);
                LiveState.write(env, live);
                log.printf("bench: planning %,d resources in a JVM with -Xmx%s%n", size, s.childHeap());
                plans.put(size, child(s, corpus, live));
                large = env;
            }
            List<Row> rows = new ArrayList<>(planRows(s, plans));

            log.printf("bench: one file of %,d and of %,d documents, and a 50 MB value%n", ParseBench.FEW_DOCUMENTS,
                    ParseBench.MANY_DOCUMENTS);
            rows.addAll(ParseBench.run(work, s.warmup(), s.runs()));

            log.printf("bench: first HTML view of a plan of %,d changes%n", s.large());
            HtmlBench.Result html = HtmlBench.run(large, work, s.warmup(), s.runs());
            large = null;
            rows.add(Row.timed("HTML first view (" + html.changes() + " changes): read plan + summary + page 1",
                    html.time(), "< 1000 ms", html.time().median() < 1000));
            rows.add(Row.figure("HTML first view size", html.bytes() / 1024.0, "KiB", "", null));

            log.printf("bench: applying %,d resources to the Kubernetes mock, %d ms per request%n",
                    s.applyResources(), s.latencyMillis());
            Environment applied = load(Corpus.generate(work.resolve("repo-apply"), s.applyResources(), false));
            Samples serial = ApplyBench.run(applied, s.latencyMillis(), 1, s.applyWarmup(), s.applyRuns());
            Samples parallel = ApplyBench.run(applied, s.latencyMillis(), 16, s.applyWarmup(), s.applyRuns());
            double speedup = serial.median() / parallel.median();
            rows.add(Row.timed("apply " + s.applyResources() + ", one at a time", serial, "", null));
            rows.add(Row.timed("apply " + s.applyResources() + ", parallelism 16", parallel, "", null));
            rows.add(Row.figure("apply speed-up, parallel vs one at a time", speedup, "x", ">= 8", speedup >= 8));
            return rows;
        } finally {
            delete(work);
        }
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

    /** Plans in a fresh JVM capped at the heap to prove; an OutOfMemoryError there fails the benchmark. */
    private static Map<String, Double> child(Settings s, Corpus corpus, Path live) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + s.childHeap()));
        // For profiling, e.g. BENCH_CHILD_OPTS=-XX:StartFlightRecording=filename=plan.jfr
        String extra = System.getenv().getOrDefault("BENCH_CHILD_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlanChild.class.getName(),
                corpus.repository().toString(), live.toString(), Integer.toString(s.warmup()),
                Integer.toString(s.runs())));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, Double> result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(PlanChild.RESULT + " ")) {
                        result = new HashMap<>();
                        for (String pair : line.substring(PlanChild.RESULT.length() + 1).split(" ")) {
                            String[] kv = pair.split("=", 2);
                            result.put(kv[0], Double.valueOf(kv[1]));
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || result == null) {
                throw new IllegalStateException("planning " + corpus.size() + " resources failed in a JVM with -Xmx"
                        + s.childHeap() + " (exit code " + exit + "); see its output above");
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
        out.printf(Locale.ROOT, "%d warm-up + %d measured runs per figure (apply: %d + %d); %d cores, Java %s%n",
                s.warmup(), s.runs(), s.applyWarmup(), s.applyRuns(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
