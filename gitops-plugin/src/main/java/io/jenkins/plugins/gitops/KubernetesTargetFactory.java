package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.target.Target;
import java.nio.file.Path;

/**
 * The one seam to the engine's Kubernetes target, called on the agent. {@code context} and
 * {@code namespace} may be null (the kubeconfig's current context; the manifests' namespaces).
 */
@FunctionalInterface
interface KubernetesTargetFactory {

    // TODO(integration): new KubernetesTarget(KubernetesTargetConfig.of(kubeconfig, context, namespace))
    KubernetesTargetFactory ENGINE = (kubeconfig, context, namespace) -> {
        throw new GitopsException("this build of the GitOps plugin has no Kubernetes target yet;"
                + " use directory(path: ...) or update the plugin");
    };

    Target open(Path kubeconfig, String context, String namespace);
}
