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
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    /** The command these options belong to: which of the write options it has, and which options were given. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Options of one kind of target, refused with another: a silently ignored option hides a mistake. */
    private static final List<String> KUBERNETES_ONLY = List.of("--kubeconfig", "--context", "--namespace",
            "--inventory", "--inventory-namespace", WriteOptions.FORCE_CONFLICTS, WriteOptions.REPLACE_IMMUTABLE);
    private static final List<String> GIT_ONLY = List.of("--git-user", "--git-password-file", ApplyCommand.SIGN,
            ApplyCommand.GIT_AUTHOR);

    TargetSpec spec() {
        if (target.startsWith(GitBranchSpec.PREFIX)) {
            refuse(KUBERNETES_ONLY, "kubernetes");
            String author = text(ApplyCommand.GIT_AUTHOR);
            return new TargetSpec.GitBranch(GitBranchSpec.parse(target), gitCredentials(), flag(ApplyCommand.SIGN),
                    author == null ? null : GitAuthor.parse(author));
        }
        if (target.startsWith("dir:") && target.length() > 4) {
            refuse(KUBERNETES_ONLY, "kubernetes");
            refuse(GIT_ONLY, "git:...");
            return TargetSpec.directory(Path.of(target.substring(4)));
        }
        if (target.equals("kubernetes")) {
            refuse(GIT_ONLY, "git:...");
            KubernetesTargetConfig config = KubernetesTargetConfig.builder().kubeconfig(kubeconfig).context(context)
                    .namespace(namespace).inventoryNamespace(inventoryNamespace)
                    .forceConflicts(flag(WriteOptions.FORCE_CONFLICTS))
                    .replaceImmutable(flag(WriteOptions.REPLACE_IMMUTABLE)).build();
            return new TargetSpec.Kubernetes(config, inventory);
        }
        throw new GitopsException("unknown --target '" + target + "'; use dir:PATH, kubernetes or"
                + " git:REPOSITORY#BRANCH[:FOLDER]");
    }

    /** A flag of the command ({@link WriteOptions}, apply's {@code --sign}); false where the command has none. */
    private boolean flag(String option) {
        OptionSpec spec = command.findOption(option);
        return spec != null && Boolean.TRUE.equals(spec.getValue());
    }

    /** A value option of the command (apply's {@code --git-author}); null where the command has none or it is not given. */
    private String text(String option) {
        OptionSpec spec = command.findOption(option);
        return spec == null ? null : spec.getValue();
    }

    private boolean given(String option) {
        return command.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void refuse(List<String> options, String theirs) {
        for (String option : options) {
            if (given(option)) {
                throw new GitopsException(option + " applies to --target " + theirs + " only, not to --target "
                        + target + "; remove it");
            }
        }
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
