package io.jenkins.plugins.gitops.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesClients;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.ReadMode;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a child JVM with the heap limit to prove: plans a rendered desired state against the fake API server
 * through a kubeconfig, as {@code gitops plan --diff client|server} would (reads, dry runs, diff), and prints
 * one line of {@code key=value} figures (wall and process CPU time per plan in ms). The server, in the parent, counts the requests.
 */
public final class KubePlanChild {
    private KubePlanChild() {
    }

    /** Arguments: kubeconfig, manifests directory, client|server, LIST|GET, warm-up runs, measured runs. */
    public static void main(String[] args) {
        Path kubeconfig = Path.of(args[0]);
        Environment env = new Environment("bench", "0000000", "bench",
                DesiredState.of(KubeCorpus.read(Path.of(args[1]))), List.of());
        DiffMode diff = DiffMode.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        ReadMode reads = ReadMode.valueOf(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        KubernetesTargetConfig config = KubernetesTargetConfig.builder().inventoryName("bench")
                .kubeconfig(kubeconfig).context(FakeApiServer.CONTEXT).build();
        try (KubernetesClient client = KubernetesClients.create(config);
                KubernetesTarget target = new KubernetesTarget(config, client, reads)) {
            Planner planner = new Planner(target, Progress.NONE, Clock.systemUTC(), diff);
            // CPU of the whole process (JIT and GC threads too) per plan: unlike wall time, barely moved by what
            // other processes run on the machine.
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            List<Double> cpu = new ArrayList<>();
            Samples plan = Samples.measure(warmup, runs, () -> {
                long before = os.getProcessCpuTime();
                Plan p = planner.plan(env, Pruning.OFF);
                cpu.add((os.getProcessCpuTime() - before) / 1e6);
                return p;
            }, Bench::consume);
            Samples cpuTime = new Samples(cpu.subList(warmup, cpu.size()));
            long peakUsed;
            int changes;
            try (HeapWatch heap = new HeapWatch()) {
                heap.reset();
                Plan measured = planner.plan(env, Pruning.OFF);
                peakUsed = heap.peakUsed();
                changes = measured.summary().create() + measured.summary().update() + measured.summary().delete();
            }
            System.out.println(Bench.RESULT + " planMin=" + plan.min() + " planMedian=" + plan.median()
                    + " cpuMin=" + cpuTime.min() + " cpuMedian=" + cpuTime.median() + " peakUsed=" + peakUsed
                    + " changes=" + changes);
        }
    }
}
