package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies 1,000 ConfigMaps to the mock API server with 5 ms added to every request, one at a time and then
 * from 16 threads (as the engine applies a wave), and prints both times. Not a unit test: timing depends on
 * the machine. Run:
 * <pre>
 * mvn -q -o -pl gitops-engine test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp gitops-engine/target/test-classes:gitops-engine/target/classes:$(cat gitops-engine/target/cp.txt) \
 *   io.jenkins.plugins.gitops.engine.targets.kubernetes.ApplyBenchmark
 * </pre>
 */
public final class ApplyBenchmark {
    private static final int OBJECTS = 1000;
    private static final int THREADS = 16;
    private static final long LATENCY_MILLIS = 5;
    /** The mock logs every request; at thousands a second that logging, not the target, would be measured. Held in
     * a field because JUL keeps loggers weakly and a collected one forgets its level. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private ApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(Level.WARNING);
        try (FakeApiServer api = new FakeApiServer();
                KubernetesTarget target = new KubernetesTarget(KubernetesTargetTest.config(), api.client())) {
            target.apply(KubernetesTargetTest.configMap("shop", "warm-up", "x")); // discovery, connections
            api.latency(LATENCY_MILLIS);

            long sequential = time(() -> {
                for (Resource r : configMaps("seq")) {
                    target.apply(r);
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long parallel = time(() -> {
                List<Future<?>> done = new ArrayList<>();
                for (Resource r : configMaps("par")) {
                    done.add(pool.submit(() -> target.apply(r)));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            });
            pool.shutdown();
            System.out.printf("%d ConfigMaps, %d ms latency per request: sequential %d ms, %d threads %d ms, %.1fx%n",
                    OBJECTS, LATENCY_MILLIS, sequential, THREADS, parallel, (double) sequential / parallel);
        }
    }

    private static List<Resource> configMaps(String prefix) {
        List<Resource> out = new ArrayList<>(OBJECTS);
        for (int i = 0; i < OBJECTS; i++) {
            out.add(KubernetesTargetTest.configMap("shop", prefix + "-" + i, "value-" + i));
        }
        return out;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
