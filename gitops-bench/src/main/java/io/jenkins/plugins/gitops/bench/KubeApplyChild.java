package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * One apply as the command line makes it, {@code gitops apply --auto-approve}, in a new JVM: read the rendered
 * files, plan against the fake API server through a kubeconfig, apply. Class loading and the JIT's first
 * compilations are part of it, as they are of a command-line run; the parent times the process from start to
 * exit, as it times kubectl.
 */
public final class KubeApplyChild {
    private KubeApplyChild() {
    }

    /** Arguments: kubeconfig, manifests directory. */
    public static void main(String[] args) {
        Environment env = new Environment("bench", "0000000", "bench",
                DesiredState.of(KubeCorpus.read(Path.of(args[1]))), List.of());
        KubernetesTargetConfig config = KubernetesTargetConfig.builder().inventoryName("bench")
                .kubeconfig(Path.of(args[0])).context(FakeApiServer.CONTEXT).build();
        try (KubernetesTarget target = new KubernetesTarget(config)) {
            ApplyResult result = new Applier(target, Progress.NONE, Clock.systemUTC())
                    .planAndApply(env, false, ApplyOptions.defaults("bench"));
            long done = result.outcomes().stream().filter(o -> o.status() == Outcome.Status.DONE).count();
            System.out.println(Bench.RESULT + " done=" + done);
        }
    }
}
