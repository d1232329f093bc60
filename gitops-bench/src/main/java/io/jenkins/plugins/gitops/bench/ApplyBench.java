package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies a saved plan (create every resource) to fabric8's mock API server answering each request after a
 * fixed latency, through the engine's {@link Applier}: lock, stale-plan check, waves, inventory. Timed from
 * the apply call to its result; starting the server and planning are set-up.
 */
final class ApplyBench {
    private ApplyBench() {
    }

    /** The mock API server logs every request at INFO through java.util.logging; held here so it stays quiet. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    /** One apply: its time, and the requests and server-side peak of concurrent requests the fake server saw. */
    record Applied(double millis, int requests, int peak) {
    }

    static Samples run(Environment env, long latencyMillis, int parallelism, int warmup, int runs) {
        return Samples.timed(warmup, runs, () -> applyOnce(env, latencyMillis, parallelism).millis());
    }

    /** Plans against an empty fake server without latency (set-up), then times the apply at {@code latencyMillis}. */
    static Applied applyOnce(Environment env, long latencyMillis, int parallelism) {
        KubernetesTargetConfig config = KubernetesTargetConfig.builder().namespace("bench").inventoryName("bench").build();
        try (FakeApiServer api = new FakeApiServer(); KubernetesTarget target = new KubernetesTarget(config, api.client())) {
            Plan plan = new Planner(target, Progress.NONE, Clock.systemUTC()).plan(env,
                    Pruning.OFF);
            api.latency(latencyMillis);
            api.forgetRequests();
            long start = System.nanoTime();
            ApplyResult result = new Applier(target, Progress.NONE, Clock.systemUTC())
                    .apply(plan, env, ApplyOptions.defaults("bench").withParallelism(parallelism));
            double millis = (System.nanoTime() - start) / 1e6;
            long done = result.outcomes().stream().filter(o -> o.status() == Outcome.Status.DONE).count();
            if (done != env.desired().resources().size()) {
                throw new IllegalStateException("the benchmark apply failed: " + done + " of "
                        + env.desired().resources().size() + " resources applied");
            }
            return new Applied(millis, api.requests().size(), api.peakConcurrentRequests());
        }
    }
}
