package io.jenkins.plugins.gitops.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * This build's engine against another build's (a baseline), planning against one fake API server in turns, so
 * that the noise of a shared machine falls on both alike: round after round, each build plans in a child JVM of
 * its own ({@link KubePlanChild}, the same code for both, on each build's engine), the order of the builds
 * alternating by round. Reports, per diff and read mode, the median over rounds of each build's median wall and
 * CPU time per plan, their spread, the median and spread of the per-round ratio, and the requests per plan.
 *
 * <p>Usage: {@code java -cp gitops-bench/target/gitops-bench-all.jar io.jenkins.plugins.gitops.bench.KubeTurns
 * BASELINE_CLASSPATH [SIZE [ROUNDS [WARMUP [RUNS [MODES]]]]]}, defaults 10000 8 1 3 client-LIST,client-GET;
 * BASELINE_CLASSPATH puts this module's classes before the baseline's jar, e.g.
 * {@code gitops-bench/target/classes:/tmp/old/gitops-bench/target/gitops-bench-all.jar}, so that both builds run
 * this {@link KubePlanChild} (it measures CPU time too).
 */
public final class KubeTurns {
    private KubeTurns() {
    }

    private record Turn(double wall, double cpu, double requests, int changes) {
    }

    public static void main(String[] args) throws IOException {
        String baseline = args[0];
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        List<String> modes = List.of((args.length > 5 ? args[5] : "client-LIST,client-GET").split(","));
        String current = System.getProperty("java.class.path");
        Map<String, String> builds = new LinkedHashMap<>();
        builds.put("baseline", baseline);
        builds.put("this build", current);
        PrintStream log = System.err;
        Path work = Files.createTempDirectory("gitops-turns-");
        Map<String, List<Turn>> turns = new LinkedHashMap<>();
        List<Double> loads = new ArrayList<>();
        try {
            Path manifests = work.resolve("manifests");
            KubeCorpus.write(manifests, size);
            try (KubeCluster cluster = new KubeCluster(work.resolve("cluster"))) {
                cluster.seedWithDrift(KubeCorpus.read(manifests));
                cluster.api().latency(Settings.DEFAULTS.latencyMillis());
                for (int round = 1; round <= rounds; round++) {
                    List<String> order = new ArrayList<>(builds.keySet());
                    if (round % 2 == 0) {
                        java.util.Collections.reverse(order);
                    }
                    loads.add(LoadAverage.now());
                    for (String mode : modes) {
                        String[] diffAndReads = mode.split("-");
                        for (String build : order) {
                            cluster.api().forgetRequests();
                            Map<String, Double> r = Bench.child(Settings.DEFAULTS.childHeap(), builds.get(build),
                                    KubePlanChild.class.getName(), List.of(cluster.kubeconfig().toString(),
                                            manifests.toString(), diffAndReads[0], diffAndReads[1],
                                            Integer.toString(warmup), Integer.toString(runs)));
                            Turn t = new Turn(r.get("planMedian"), r.get("cpuMedian"),
                                    cluster.api().requests().size() / (double) (warmup + runs + 1),
                                    r.get("changes").intValue());
                            turns.computeIfAbsent(mode + " " + build, k -> new ArrayList<>()).add(t);
                            log.printf(Locale.ROOT, "turns: round %d, %s, %s: wall %.0f ms, CPU %.0f ms, %.0f requests,"
                                    + " %d changes, load %.1f%n", round, mode, build, t.wall(), t.cpu(), t.requests(),
                                    t.changes(), LoadAverage.now());
                        }
                    }
                }
            }
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                log.println("turns: could not remove " + work);
            }
        }
        print(modes, turns, loads, size, rounds, warmup, runs, System.out);
    }

    private static void print(List<String> modes, Map<String, List<Turn>> turns, List<Double> loads, int size,
            int rounds, int warmup, int runs, PrintStream out) {
        out.printf(Locale.ROOT, "plan of %,d against the fake API server, %d rounds in turns, each build's median of %d"
                + " plans after %d warm-up per round; load average %.1f-%.1f%n", size, rounds, runs, warmup,
                loads.stream().mapToDouble(d -> d).min().orElse(0), loads.stream().mapToDouble(d -> d).max().orElse(0));
        out.printf(Locale.ROOT, "%-34s %22s %22s %9s %8s%n", "mode, build", "wall median (min-max)",
                "CPU median (min-max)", "requests", "changes");
        for (String mode : modes) {
            List<Turn> before = turns.get(mode + " baseline");
            List<Turn> after = turns.get(mode + " this build");
            for (String build : List.of("baseline", "this build")) {
                List<Turn> t = turns.get(mode + " " + build);
                Samples wall = new Samples(t.stream().map(Turn::wall).toList());
                Samples cpu = new Samples(t.stream().map(Turn::cpu).toList());
                out.printf(Locale.ROOT, "%-34s %22s %22s %9.0f %8d%n", mode + ", " + build, spread(wall),
                        spread(cpu), t.get(t.size() - 1).requests(), t.get(t.size() - 1).changes());
            }
            List<Double> wallRatios = new ArrayList<>();
            List<Double> cpuRatios = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                wallRatios.add(after.get(i).wall() / before.get(i).wall());
                cpuRatios.add(after.get(i).cpu() / before.get(i).cpu());
            }
            Samples w = new Samples(wallRatios);
            Samples c = new Samples(cpuRatios);
            out.printf(Locale.ROOT, "%-34s wall %.2f (%.2f-%.2f), CPU %.2f (%.2f-%.2f); ratio of the medians: wall"
                    + " %.2f, CPU %.2f%n", mode + ", this build / baseline", w.median(), w.min(), max(w), c.median(),
                    c.min(), max(c), new Samples(after.stream().map(Turn::wall).toList()).median()
                            / new Samples(before.stream().map(Turn::wall).toList()).median(),
                    new Samples(after.stream().map(Turn::cpu).toList()).median()
                            / new Samples(before.stream().map(Turn::cpu).toList()).median());
        }
    }

    private static String spread(Samples s) {
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", s.median(), s.min(), max(s));
    }

    private static double max(Samples s) {
        return s.millis().get(s.millis().size() - 1);
    }
}
