package io.jenkins.plugins.gitops.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What to run. {@code sizes}: the small and the large desired state (resources) of the directory target; the
 * largest is also the plan shown as HTML. {@code childHeap}: the -Xmx of the JVM each plan size runs in, the
 * limit to prove. {@code scale}/{@code scaleHeap}: the directory target at scale (0: skipped). {@code kubeSizes}:
 * plans against the fake API server; {@code kubeApplySizes}: applies there, kubectl beside the smallest, after
 * {@code kubeApplyWarmup} applies of the smallest: in one JVM, the 2nd to 13th apply of 1,000 took 1.09-2.13 s and
 * the 15th to 30th 0.76-1.02 s, as the JIT compiled the client, the fake server and Vert.x on both ends.
 * {@code shapes}: the real-shapes rows ({@link ShapesBench}) on, off, or only them; {@code helm}: the Helm rows
 * ({@link HelmBench}) likewise, {@code helmHuge} the documents of its largest chart (0: skipped), measured once.
 */
public record Settings(List<Integer> sizes, int warmup, int runs, int applyResources, long latencyMillis,
        int applyWarmup, int applyRuns, String childHeap, int scale, String scaleHeap, List<Integer> kubeSizes,
        List<Integer> kubeApplySizes, int kubeApplyWarmup, String shapes, String helm, int helmHuge) {
    public static final Settings DEFAULTS = new Settings(List.of(1_000, 10_000), 2, 5, 1_000, 5, 3, 3, "512m",
            50_000, "1g", List.of(1_000, 10_000), List.of(1_000, 10_000), 25, "on", "on",
            100_000);
    private static final String OPTIONS = "--sizes A,B --warmup N --runs N --apply N --latency MS --apply-warmup N --apply-runs N"
            + " --heap SIZE --scale N --scale-heap SIZE --kube-sizes A,B --kube-apply A,B --kube-apply-warmup N"
            + " --shapes on|off|only --helm on|off|only --helm-huge N";

    public Settings {
        sizes = List.copyOf(sizes);
        kubeSizes = List.copyOf(kubeSizes);
        kubeApplySizes = List.copyOf(kubeApplySizes);
        if (sizes.size() != 2 || sizes.get(0) >= sizes.get(1)) {
            throw new IllegalArgumentException("--sizes takes two sizes, smaller first, such as 1000,10000");
        }
        if (scale != 0 && scale <= sizes.get(1)) {
            throw new IllegalArgumentException("--scale must be larger than the larger of --sizes, or 0 to skip it");
        }
        if (warmup < 0 || runs < 1 || applyWarmup < 0 || kubeApplyWarmup < 0 || applyRuns < 1 || applyResources < 1 || latencyMillis < 0
                || kubeSizes.stream().anyMatch(n -> n < 1) || kubeApplySizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("runs and resources must be at least 1, warm-ups and latency at least 0");
        }
        if (!List.of("on", "off", "only").contains(shapes)) {
            throw new IllegalArgumentException("--shapes is on (the default), off or only");
        }
        if (!List.of("on", "off", "only").contains(helm)) {
            throw new IllegalArgumentException("--helm is on (the default), off or only");
        }
        if (helmHuge < 0) {
            throw new IllegalArgumentException("--helm-huge is a number of documents, or 0 to skip that chart");
        }
        if (shapes.equals("only") && helm.equals("only")) {
            throw new IllegalArgumentException("--shapes only and --helm only exclude each other");
        }
    }

    int small() {
        return sizes.get(0);
    }

    int large() {
        return sizes.get(1);
    }

    /** Whether the arguments ask for {@link #usage()} rather than a run. */
    static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** What {@code ./bench --help} prints: the options and their defaults. */
    static String usage() {
        Settings d = DEFAULTS;
        return "Usage: ./bench [" + OPTIONS + "]\n"
                + "Runs every benchmark once and prints its rows (docs/benchmarks.md). Defaults: --sizes "
                + d.small() + "," + d.large() + " --warmup " + d.warmup() + " --runs " + d.runs() + " --apply "
                + d.applyResources() + " --latency " + d.latencyMillis() + " --apply-warmup " + d.applyWarmup()
                + " --apply-runs " + d.applyRuns() + " --heap " + d.childHeap() + " --scale " + d.scale()
                + " --scale-heap " + d.scaleHeap() + " --kube-sizes " + join(d.kubeSizes()) + " --kube-apply "
                + join(d.kubeApplySizes()) + " --kube-apply-warmup " + d.kubeApplyWarmup() + " --shapes " + d.shapes()
                + " --helm " + d.helm() + " --helm-huge " + d.helmHuge() + "\n";
    }

    private static String join(List<Integer> sizes) {
        return String.join(",", sizes.stream().map(String::valueOf).toList());
    }

    /** {@value #OPTIONS}. */
    static Settings parse(String[] args) {
        Settings s = DEFAULTS;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            s = s.with(args[i], args[i + 1]);
        }
        return s;
    }

    private Settings with(String option, String v) {
        return switch (option) {
            case "--sizes" -> new Settings(ints(v), warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--warmup" -> new Settings(sizes, Integer.parseInt(v), runs, applyResources, latencyMillis,
                    applyWarmup, applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--runs" -> new Settings(sizes, warmup, Integer.parseInt(v), applyResources, latencyMillis,
                    applyWarmup, applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--apply" -> new Settings(sizes, warmup, runs, Integer.parseInt(v), latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--latency" -> new Settings(sizes, warmup, runs, applyResources, Long.parseLong(v), applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--apply-warmup" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis,
                    Integer.parseInt(v), applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--apply-runs" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    Integer.parseInt(v), childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--heap" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup, applyRuns,
                    v, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--scale" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, Integer.parseInt(v), scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--scale-heap" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, v, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--kube-sizes" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, ints(v), kubeApplySizes, kubeApplyWarmup, shapes, helm, helmHuge);
            case "--kube-apply" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, ints(v), kubeApplyWarmup, shapes, helm, helmHuge);
            case "--kube-apply-warmup" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis,
                    applyWarmup, applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, Integer.parseInt(v), shapes, helm, helmHuge);
            case "--shapes" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, v, helm, helmHuge);
            case "--helm" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, v, helmHuge);
            case "--helm-huge" -> new Settings(sizes, warmup, runs, applyResources, latencyMillis, applyWarmup,
                    applyRuns, childHeap, scale, scaleHeap, kubeSizes, kubeApplySizes, kubeApplyWarmup, shapes, helm,
                    Integer.parseInt(v));
            default -> throw new IllegalArgumentException("unknown option " + option + "; options: " + OPTIONS);
        };
    }

    private static List<Integer> ints(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(Integer::valueOf).toList();
    }
}
