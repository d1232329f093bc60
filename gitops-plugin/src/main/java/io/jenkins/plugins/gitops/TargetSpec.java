package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchOptions;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

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

    /**
     * An environment branch; the password or token, when there is one, is in a file written on the agent for
     * this call only, so that it is in no step argument and no serialized object.
     */
    record GitBranch(String url, String branch, String folder, String username, String passwordFile)
            implements TargetSpec {
        @Override
        public Target open(String environmentPath) {
            return GitBranchTarget.open(new GitBranchSpec(url, branch, folder),
                    GitBranchOptions.reading(credentials()));
        }

        private CredentialsProvider credentials() {
            if (passwordFile == null) {
                return null;
            }
            try {
                return new UsernamePasswordCredentialsProvider(username,
                        Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new GitopsException("cannot read the credential written for the git target: " + e.getMessage(), e);
            }
        }
    }

    /** A cluster reached through a kubeconfig file written on the agent for this call only. */
    record Kubernetes(String kubeconfig, String context, String namespace) implements TargetSpec {
        @Override
        public Target open(String environmentPath) {
            return new KubernetesTarget(new KubernetesTargetConfig(Path.of(kubeconfig), context, namespace,
                    KubernetesTargetConfig.inventoryNameFor(environmentPath), null, null, false, false, null, null));
        }
    }
}
