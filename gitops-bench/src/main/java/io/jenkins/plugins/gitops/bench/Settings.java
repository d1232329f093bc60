package io.jenkins.plugins.gitops.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What to run. {@code sizes}: the small and the large desired state (resources); the largest is also the
 * plan shown as HTML. {@code childHeap}: the -Xmx of the JVM each plan size runs in, the limit to prove.
 */
public record Settings(List<Integer> sizes, int warmup, int runs, int applyResources, long latencyMillis,
        int applyWarmup, int applyRuns, String childHeap) {
    public static final Settings DEFAULTS = new Settings(List.of(1_000, 10_000), 2, 5, 1_000, 5, 1, 3, "512m");

    public Settings {
        sizes = List.copyOf(sizes);
        if (sizes.size() != 2 || sizes.get(0) >= sizes.get(1)) {
            throw new IllegalArgumentException("--sizes takes two sizes, smaller first, such as 1000,10000");
        }
        if (warmup < 0 || runs < 1 || applyWarmup < 0 || applyRuns < 1 || applyResources < 1 || latencyMillis < 0) {
            throw new IllegalArgumentException("runs and resources must be at least 1, warm-ups and latency at least 0");
        }
    }

    int small() {
        return sizes.get(0);
    }

    int large() {
        return sizes.get(1);
    }

    /** {@code --sizes 1000,10000 --warmup 2 --runs 5 --apply 1000 --latency 5 --apply-runs 3 --heap 512m}. */
    static Settings parse(String[] args) {
        Settings s = DEFAULTS;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            s = switch (args[i]) {
                case "--sizes" -> new Settings(Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf)
                        .toList(), s.warmup, s.runs, s.applyResources, s.latencyMillis, s.applyWarmup, s.applyRuns,
                        s.childHeap);
                case "--warmup" -> new Settings(s.sizes, Integer.parseInt(v), s.runs, s.applyResources,
                        s.latencyMillis, s.applyWarmup, s.applyRuns, s.childHeap);
                case "--runs" -> new Settings(s.sizes, s.warmup, Integer.parseInt(v), s.applyResources,
                        s.latencyMillis, s.applyWarmup, s.applyRuns, s.childHeap);
                case "--apply" -> new Settings(s.sizes, s.warmup, s.runs, Integer.parseInt(v), s.latencyMillis,
                        s.applyWarmup, s.applyRuns, s.childHeap);
                case "--latency" -> new Settings(s.sizes, s.warmup, s.runs, s.applyResources, Long.parseLong(v),
                        s.applyWarmup, s.applyRuns, s.childHeap);
                case "--apply-runs" -> new Settings(s.sizes, s.warmup, s.runs, s.applyResources, s.latencyMillis,
                        s.applyWarmup, Integer.parseInt(v), s.childHeap);
                case "--heap" -> new Settings(s.sizes, s.warmup, s.runs, s.applyResources, s.latencyMillis,
                        s.applyWarmup, s.applyRuns, v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --sizes A,B --warmup N --runs N --apply N --latency MS --apply-runs N --heap SIZE");
            };
        }
        return s;
    }
}
