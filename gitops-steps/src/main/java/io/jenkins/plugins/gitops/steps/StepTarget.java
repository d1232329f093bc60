package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.api.TargetSpec;
import io.jenkins.plugins.gitops.engine.targets.git.GitAuthor;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A step's {@code target:} as it crosses to the agent: plain strings and booleans (engine types would tie the
 * remoting wire format to the engine's internals), turned into the engine's {@link TargetSpec} there.
 */
public sealed interface StepTarget extends Serializable {

    TargetSpec spec();

    /** {@code directory(path: ...)}: an absolute path on the agent. */
    record Directory(String path) implements StepTarget {
        @Override
        public TargetSpec spec() {
            return TargetSpec.directory(Path.of(path));
        }
    }

    /**
     * {@code kubernetes(...)}: a kubeconfig file written on the agent for this call only. The inventory is named
     * after the environment path (a saved plan's path for an apply of it), as on the command line.
     */
    record Kubernetes(String kubeconfig, String context, String namespace, boolean forceConflicts,
            boolean replaceImmutable) implements StepTarget {
        @Override
        public TargetSpec spec() {
            return TargetSpec.kubernetes(KubernetesTargetConfig.builder().kubeconfig(Path.of(kubeconfig))
                    .context(context).namespace(namespace).forceConflicts(forceConflicts)
                    .replaceImmutable(replaceImmutable).build());
        }
    }

    /**
     * {@code gitBranch(url: ..., branch: ..., folder: ..., credentialsId: ..., author: ...)}: the password or token,
     * when there is one, is in a file written on the agent for this call only, so it is in no step argument and no
     * serialized object. {@code author} ({@code Name <email>}) or null: the build's user with the committer's address.
     */
    record GitBranch(String url, String branch, String folder, String username, String passwordFile, String author)
            implements StepTarget {
        @Override
        public TargetSpec spec() {
            return new TargetSpec.GitBranch(new GitBranchSpec(url, branch, folder), credentials(), false,
                    author == null || author.isBlank() ? null : GitAuthor.parse(author));
        }

        private CredentialsProvider credentials() {
            if (passwordFile == null) {
                return null;
            }
            try {
                return new UsernamePasswordCredentialsProvider(username, Files.readString(Path.of(passwordFile)));
            } catch (IOException e) {
                throw new GitopsException("cannot read the credential written for the git target: " + e.getMessage(), e);
            }
        }
    }
}
