package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.Serializable;
import java.nio.file.Path;

/** A target as it crosses to the agent: plain strings, opened there into an engine {@link Target}. */
sealed interface TargetSpec extends Serializable {

    /** Opens the engine target; {@code environmentPath} names the Kubernetes inventory of the environment. */
    Target open(String environmentPath);

    /** A directory on the agent. */
    record Directory(String path) implements TargetSpec {
        @Override
        public Target open(String environmentPath) {
            return new DirectoryTarget(Path.of(path));
        }
    }

    /** A cluster reached through a kubeconfig file written on the agent for this call only. */
    record Kubernetes(String kubeconfig, String context, String namespace, boolean forceConflicts,
            boolean replaceImmutable) implements TargetSpec {
        @Override
        public Target open(String environmentPath) {
            return new KubernetesTarget(new KubernetesTargetConfig(Path.of(kubeconfig), context, namespace,
                    KubernetesTargetConfig.inventoryNameFor(environmentPath), null, null, forceConflicts,
                    replaceImmutable, null, null));
        }
    }
}
