package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.targets.git.GitAuthor;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchOptions;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.nio.file.Path;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * A target as a front end describes it, opened by the use cases once they know the environment's path: a
 * Kubernetes target keeps one inventory (and lock) per environment, named after that path unless the
 * inventory is named explicitly, so a saved plan's target can only be opened from the plan's path.
 */
public sealed interface TargetSpec {

    /** Opens the target for the environment at {@code environmentPath} ("" for the repository root). */
    Target open(String environmentPath);

    /** Opens the target to apply; a target that records applies in its own history uses {@code context}. */
    default Target open(String environmentPath, ApplyContext context) {
        return open(environmentPath);
    }

    /** The namespace the front end set for this target, where Helm charts render their release; else null. */
    default String namespace() {
        return null;
    }

    static TargetSpec directory(Path root) {
        return new Directory(root);
    }

    /** A cluster; the inventory name derives from the environment path. */
    static TargetSpec kubernetes(KubernetesTargetConfig config) {
        return new Kubernetes(config, null);
    }

    /**
     * An environment branch an in-cluster agent pulls. An apply of a saved plan opens it at the head the plan
     * pinned, and its commit records the plan digest, source, user and build.
     */
    record GitBranch(GitBranchSpec branch, CredentialsProvider credentials, boolean sign, GitAuthor author)
            implements TargetSpec {
        @Override
        public Target open(String environmentPath) {
            return GitBranchTarget.open(branch, GitBranchOptions.reading(credentials));
        }

        @Override
        public Target open(String environmentPath, ApplyContext context) {
            GitBranchSpec.Pin pin = context.planTarget() == null ? null : branch.pinnedIn(context.planTarget()).orElse(null);
            return GitBranchTarget.open(branch, new GitBranchOptions(credentials, pin, context.sourceRepository(),
                    context.planDigest(), context.user(), context.buildUrl(), sign, author));
        }

        @Override
        public String toString() {
            return "GitBranch[" + branch.identity() + "]"; // never the credentials
        }
    }

    /** A directory with one YAML file per resource and the engine's records in {@code .gitops/}. */
    record Directory(Path root) implements TargetSpec {
        @Override
        public Target open(String environmentPath) {
            return new DirectoryTarget(root);
        }
    }

    /**
     * A cluster reached with {@code config}. {@code inventoryName} null derives the inventory name from the
     * environment path; the name in {@code config} is not used.
     */
    record Kubernetes(KubernetesTargetConfig config, String inventoryName) implements TargetSpec {
        public Kubernetes {
            if (inventoryName != null) {
                try {
                    config.toBuilder().inventoryName(inventoryName).build();
                } catch (IllegalArgumentException e) {
                    throw new GitopsException(e.getMessage());
                }
            }
        }

        @Override
        public String namespace() {
            return config.namespace();
        }

        @Override
        public Target open(String environmentPath) {
            String name = inventoryName != null ? inventoryName : KubernetesTargetConfig.inventoryNameFor(environmentPath);
            return new KubernetesTarget(config.toBuilder().inventoryName(name).build());
        }
    }
}
