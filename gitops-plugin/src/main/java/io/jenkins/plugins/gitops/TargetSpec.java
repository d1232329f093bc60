package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.target.Target;
import io.jenkins.plugins.gitops.engine.target.directory.DirectoryTarget;
import java.io.Serializable;
import java.nio.file.Path;

/** A target as it crosses to the agent: plain strings, opened there into an engine {@link Target}. */
sealed interface TargetSpec extends Serializable {

    Target open();

    /** A directory on the agent. */
    record Directory(String path) implements TargetSpec {
        @Override
        public Target open() {
            return new DirectoryTarget(Path.of(path));
        }
    }

    /** A cluster reached through a kubeconfig file written on the agent for this call only. */
    record Kubernetes(String kubeconfig, String context, String namespace) implements TargetSpec {
        @Override
        public Target open() {
            return KubernetesTargetFactory.ENGINE.open(Path.of(kubeconfig), context, namespace);
        }
    }
}
