package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchOptions;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import picocli.CommandLine.Option;

/** Which target to plan against or apply to. */
final class TargetOptions {
    static final String DEFAULT_TARGET = "dir:gitops-target";

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = DEFAULT_TARGET,
            description = "dir:PATH, a local directory with one YAML file per resource; kubernetes; or "
                    + "git:REPOSITORY#BRANCH[:FOLDER], an environment branch an in-cluster agent pulls "
                    + "(default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--git-user", paramLabel = "NAME", description = "git: user for an https repository.")
    String gitUser;

    @Option(names = "--git-password-file", paramLabel = "FILE",
            description = "git: file holding the password or access token of --git-user.")
    Path gitPasswordFile;

    @Option(names = "--sign", description = "git: sign the apply commit with the key git config names"
            + " (gpg.format, user.signingKey); refused when this build has no signer for that format.")
    boolean sign;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubernetes: kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else in-cluster).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubernetes: kubeconfig context (default: current).")
    String context;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "kubernetes: namespace for namespaced resources that name none (default: the context's).")
    String namespace;

    @Option(names = "--inventory", paramLabel = "NAME",
            description = "kubernetes: name of this environment's inventory ConfigMap and lock Lease "
                    + "(default: derived from --path).")
    String inventory;

    @Option(names = "--inventory-namespace", paramLabel = "NAME",
            defaultValue = KubernetesTargetConfig.DEFAULT_INVENTORY_NAMESPACE,
            description = "kubernetes: where the inventory and lock live, created on demand (default: ${DEFAULT-VALUE}).")
    String inventoryNamespace;

    @Option(names = "--force-conflicts",
            description = "kubernetes: take over fields another field manager set, instead of failing.")
    boolean forceConflicts;

    @Option(names = "--replace-immutable",
            description = "kubernetes: delete and re-create an object whose change touches an immutable field.")
    boolean replaceImmutable;

    /** Opens the target; {@code environmentPath} names the Kubernetes inventory unless --inventory does. */
    Target open(String environmentPath) {
        return open(environmentPath, GitCommit.READ_ONLY);
    }

    /**
     * Opens the target for an apply, whose Git commit says where it came from; with a saved plan, a Git
     * target is opened at the branch head the plan read.
     */
    Target open(String environmentPath, GitCommit commit) {
        if (target.startsWith(GitBranchSpec.PREFIX)) {
            GitBranchSpec branch = GitBranchSpec.parse(target);
            GitBranchSpec.Pin pin = commit.planTarget() == null ? null
                    : branch.pinnedIn(commit.planTarget()).orElse(null);
            return GitBranchTarget.open(branch, new GitBranchOptions(gitCredentials(), pin, commit.sourceRepository(),
                    commit.planDigest(), commit.user(), commit.buildUrl(), sign));
        }
        if (target.startsWith("dir:") && target.length() > 4) {
            return new DirectoryTarget(Path.of(target.substring(4)));
        }
        if (target.equals("kubernetes")) {
            String name = inventory != null ? inventory : KubernetesTargetConfig.inventoryNameFor(environmentPath);
            try {
                return new KubernetesTarget(new KubernetesTargetConfig(kubeconfig, context, namespace, name,
                        inventoryNamespace, null, forceConflicts, replaceImmutable, null, null));
            } catch (IllegalArgumentException e) {
                throw new GitopsException(e.getMessage());
            }
        }
        throw new GitopsException("unknown --target '" + target + "'; use dir:PATH, kubernetes or"
                + " git:REPOSITORY#BRANCH[:FOLDER]");
    }

    private CredentialsProvider gitCredentials() {
        if (gitPasswordFile == null) {
            return null;
        }
        if (gitUser == null) {
            throw new GitopsException("--git-password-file needs --git-user");
        }
        try {
            return new UsernamePasswordCredentialsProvider(gitUser, Files.readString(gitPasswordFile).strip());
        } catch (IOException e) {
            throw new GitopsException("cannot read --git-password-file " + gitPasswordFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * What an apply commit on a Git target records: the plan's target (its pinned head), the plan's digest, the
     * source repository, the user and the build. All null when only reading.
     */
    record GitCommit(String planTarget, String planDigest, String sourceRepository, String user, String buildUrl) {
        static final GitCommit READ_ONLY = new GitCommit(null, null, null, null, null);
    }
}
