package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Resource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes target at scale against the fake API server with a fixed latency per request: plans (client and
 * server diff, LIST and GET-per-object reads) in a child JVM whose heap is measured, applies, and kubectl doing the
 * same against the same server. Requests and the server-side peak of concurrent requests are counted by the server.
 */
final class KubeBench {
    private static final double MB = 1024 * 1024;

    private KubeBench() {
    }

    private record Measured(double millis, double requests, double peak) {
    }

    static List<Row> plans(Settings s, Path work, PrintStream log) {
        List<Row> rows = new ArrayList<>();
        for (int size : s.kubeSizes()) {
            Path manifests = work.resolve("k8s-manifests-" + size);
            KubeCorpus.write(manifests, size);
            try (KubeCluster cluster = new KubeCluster(work.resolve("k8s-cluster-" + size))) {
                log.printf("bench: seeding the fake API server with %,d objects (5%% with a field to remove, 5%% deleted)%n",
                        size);
                cluster.seedWithDrift(KubeCorpus.read(manifests));
                cluster.api().latency(s.latencyMillis());
                rows.add(load("k8s plans of " + size));
                Map<String, Measured> byMode = new java.util.HashMap<>();
                for (String diff : List.of("client", "server")) {
                    for (String reads : List.of("LIST", "GET")) {
                        log.printf("bench: k8s plan of %,d, %s diff, %s reads, %d ms per request%n", size, diff, reads,
                                s.latencyMillis());
                        cluster.api().forgetRequests();
                        int plans = s.warmup() + s.runs() + 1;
                        Map<String, Double> r = Bench.child(s.childHeap(), KubePlanChild.class.getName(),
                                List.of(cluster.kubeconfig().toString(), manifests.toString(), diff, reads,
                                        Integer.toString(s.warmup()), Integer.toString(s.runs())));
                        Measured m = new Measured(r.get("planMedian"), cluster.api().requests().size() / (double) plans,
                                cluster.api().peakConcurrentRequests());
                        byMode.put(diff + reads, m);
                        String name = "k8s plan " + size + " (" + r.get("changes").intValue() + " changes), " + diff
                                + " diff, " + reads + " reads";
                        rows.add(new Row(name, r.get("planMin"), r.get("planMedian"), "ms", "", null));
                        rows.add(new Row("  CPU time per plan (the client's process)", r.get("cpuMin"),
                                r.get("cpuMedian"), "ms", "", null));
                        rows.add(Row.figure("  requests per plan", m.requests(), "req", "", null));
                        rows.add(Row.figure("  server-side peak concurrent requests", m.peak(), "req", "", null));
                        rows.add(Row.figure("  peak heap used (in -Xmx" + s.childHeap() + ")", r.get("peakUsed") / MB,
                                "MB", "", null));
                    }
                }
                boolean large = size == s.kubeSizes().get(s.kubeSizes().size() - 1);
                double share = 100 * byMode.get("clientLIST").requests() / byMode.get("clientGET").requests();
                rows.add(Row.figure("k8s plan " + size + ": LIST requests as % of GET-per-object", share, "%",
                        large ? "<= 1" : "", large ? share <= 1 : null));
                rows.add(Row.figure("k8s plan " + size + ": time GET-per-object / LIST, client diff",
                        byMode.get("clientGET").millis() / byMode.get("clientLIST").millis(), "x", "", null));
                rows.add(Row.figure("k8s plan " + size + ": time GET-per-object / LIST, server diff",
                        byMode.get("serverGET").millis() / byMode.get("serverLIST").millis(), "x", "", null));
                if (Kubectl.available()) {
                    log.printf("bench: kubectl diff --server-side of %,d%n", size);
                    cluster.api().forgetRequests();
                    double millis = Kubectl.diff(cluster.kubeconfig(), manifests, work);
                    rows.add(Row.figure("kubectl diff --server-side " + size, millis, "ms", "", null));
                    rows.add(Row.figure("  requests", cluster.api().requests().size(), "req", "", null));
                    rows.add(Row.figure("  server-side peak concurrent requests", cluster.api().peakConcurrentRequests(),
                            "req", "", null));
                    double speedup = millis / byMode.get("serverLIST").millis();
                    rows.add(Row.figure("k8s plan " + size + " (server diff) speed-up vs kubectl diff", speedup, "x",
                            large ? ">= 10" : "", large ? speedup >= 10 : null));
                }
            }
        }
        return rows;
    }

    static List<Row> applies(Settings s, Path work, PrintStream log) {
        List<Row> rows = new ArrayList<>();
        for (int size : s.kubeApplySizes()) {
            Path manifests = work.resolve("k8s-apply-" + size);
            KubeCorpus.write(manifests, size);
            List<Resource> resources = KubeCorpus.read(manifests);
            Environment env = new Environment("bench", "0000000", "bench", DesiredState.of(resources), List.of());
            boolean smallest = size == s.kubeApplySizes().get(0);
            rows.add(load("k8s applies of " + size));
            log.printf("bench: gitops apply of %,d to an empty fake API server, %d ms per request%n", size,
                    s.latencyMillis());
            // The JIT warms up on the smallest size; the larger ones then run warm.
            List<ApplyBench.Applied> applied = new ArrayList<>();
            Samples gitops = Samples.timed(smallest ? s.kubeApplyWarmup() : 0, s.applyRuns(), () -> {
                ApplyBench.Applied one = ApplyBench.applyOnce(env, s.latencyMillis(), ApplyOptions.DEFAULT_PARALLELISM);
                applied.add(one);
                return one.millis();
            });
            rows.addAll(applyRows("k8s apply " + size + " (create all)", gitops, applied));
            if (Kubectl.available() && smallest) {
                log.printf("bench: kubectl apply --server-side of %,d, %d times%n", size, s.applyRuns());
                List<ApplyBench.Applied> byKubectl = new ArrayList<>();
                Samples kubectl = Samples.timed(0, s.applyRuns(), () -> {
                    try (KubeCluster cluster = new KubeCluster(work.resolve("k8s-kubectl-" + size + "-"
                            + byKubectl.size()))) {
                        cluster.api().latency(s.latencyMillis());
                        double millis = Kubectl.apply(cluster.kubeconfig(), manifests, work);
                        byKubectl.add(new ApplyBench.Applied(millis, cluster.api().requests().size(),
                                cluster.api().peakConcurrentRequests()));
                        return millis;
                    }
                });
                rows.addAll(applyRows("kubectl apply --server-side " + size, kubectl, byKubectl));
                double speedup = kubectl.median() / gitops.median();
                rows.add(Row.figure("k8s apply " + size + " speed-up vs kubectl apply", speedup, "x", ">= 8",
                        speedup >= 8));
                rows.addAll(floors(size, env, manifests, work, log));
                rows.add(newJvm(s, size, manifests, work, log));
            }
        }
        return rows;
    }

    /** An apply's time, its requests (the last run's; every run makes the same) and the highest server-side peak. */
    private static List<Row> applyRows(String name, Samples times, List<ApplyBench.Applied> runs) {
        return List.of(Row.timed(name, times, "", null),
                Row.figure("  requests", runs.get(runs.size() - 1).requests(), "req", "", null),
                Row.figure("  server-side peak concurrent requests",
                        runs.stream().mapToInt(ApplyBench.Applied::peak).max().orElseThrow(), "req", "", null));
    }

    /**
     * Both applies again with no latency: what is left is CPU, the client's and the fake server's, which share
     * this machine's cores (a real API server's CPU is not the client's). kubectl waits for each answer, so the
     * latency is most of its time; the engine's parallel requests leave it bound by CPU, and these rows show how
     * much of each time that is.
     */
    private static List<Row> floors(int size, Environment env, Path manifests, Path work, PrintStream log) {
        log.printf("bench: both applies of %,d again at 0 ms per request (the CPU floor)%n", size);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.figure("k8s apply " + size + " at 0 ms per request (CPU floor)",
                ApplyBench.applyOnce(env, 0, ApplyOptions.DEFAULT_PARALLELISM).millis(), "ms", "", null));
        try (KubeCluster cluster = new KubeCluster(work.resolve("k8s-kubectl-floor-" + size))) {
            rows.add(Row.figure("kubectl apply --server-side " + size + " at 0 ms per request",
                    Kubectl.apply(cluster.kubeconfig(), manifests, work), "ms", "", null));
        }
        return rows;
    }

    /**
     * The apply as the command line makes it, in a new JVM, timed like kubectl from process start to exit: the
     * rows above measure a warm JVM, as a Jenkins agent's is; this one includes the JVM's start, class loading and
     * first compilations, which a native kubectl does not pay.
     */
    private static Row newJvm(Settings s, int size, Path manifests, Path work, PrintStream log) {
        log.printf("bench: gitops plan and apply of %,d in a new JVM, %d ms per request%n", size, s.latencyMillis());
        try (KubeCluster cluster = new KubeCluster(work.resolve("k8s-new-jvm-" + size))) {
            cluster.api().latency(s.latencyMillis());
            long start = System.nanoTime();
            Map<String, Double> r = Bench.child(s.childHeap(), KubeApplyChild.class.getName(),
                    List.of(cluster.kubeconfig().toString(), manifests.toString()));
            double millis = (System.nanoTime() - start) / 1e6;
            if (r.get("done").intValue() != size) {
                throw new IllegalStateException("the apply in a new JVM applied " + r.get("done").intValue() + " of "
                        + size);
            }
            return Row.figure("k8s plan and apply " + size + " in a new JVM, start to exit", millis, "ms", "", null);
        }
    }

    static Row load(String when) {
        return Row.figure(String.format(Locale.ROOT, "load average (1 min) before %s", when), LoadAverage.now(), "",
                "", null);
    }
}
