package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.BoundedFile;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.api.TargetSpec;
import io.jenkins.plugins.gitops.engine.targets.git.GitAuthor;
import io.jenkins.plugins.gitops.engine.targets.git.GitBranchSpec;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    @Option(names = "--git-author", paramLabel = "'NAME <EMAIL>'", description = "git: the apply commit's author"
            + " (default: the --user, with the committer's address gitops-pipeline@localhost).")
    String gitAuthor;

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
                    + "(default: derived from --path, or from the plan's path).")
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

    TargetSpec spec() {
        if (target.startsWith(GitBranchSpec.PREFIX)) {
            return new TargetSpec.GitBranch(GitBranchSpec.parse(target), gitCredentials(), sign,
                    gitAuthor == null ? null : GitAuthor.parse(gitAuthor));
        }
        if (target.startsWith("dir:") && target.length() > 4) {
            return TargetSpec.directory(Path.of(target.substring(4)));
        }
        if (target.equals("kubernetes")) {
            KubernetesTargetConfig config = KubernetesTargetConfig.builder().kubeconfig(kubeconfig).context(context)
                    .namespace(namespace).inventoryNamespace(inventoryNamespace).forceConflicts(forceConflicts)
                    .replaceImmutable(replaceImmutable).build();
            return new TargetSpec.Kubernetes(config, inventory);
        }
        throw new GitopsException("unknown --target '" + target + "'; use dir:PATH, kubernetes or"
                + " git:REPOSITORY#BRANCH[:FOLDER]");
    }

    /** A password or access token is a line; this is far more than any. */
    private static final int PASSWORD_FILE_BYTES = 64 * 1024;

    private CredentialsProvider gitCredentials() {
        if (gitPasswordFile == null) {
            return null;
        }
        if (gitUser == null) {
            throw new GitopsException("--git-password-file needs --git-user");
        }
        try {
            return new UsernamePasswordCredentialsProvider(gitUser, new String(BoundedFile.read(gitPasswordFile,
                    PASSWORD_FILE_BYTES, "--git-password-file"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new GitopsException("cannot read --git-password-file " + gitPasswordFile + ": " + e.getMessage(), e);
        }
    }

}
