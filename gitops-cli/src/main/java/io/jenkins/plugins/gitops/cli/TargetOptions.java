package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.api.TargetSpec;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which target to plan against or apply to. */
final class TargetOptions {
    static final String DEFAULT_TARGET = "dir:gitops-target";

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = DEFAULT_TARGET,
            description = "dir:PATH, a local directory with one YAML file per resource, or kubernetes "
                    + "(default: ${DEFAULT-VALUE}).")
    String target;

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
        if (target.startsWith("dir:") && target.length() > 4) {
            return TargetSpec.directory(Path.of(target.substring(4)));
        }
        if (target.equals("kubernetes")) {
            KubernetesTargetConfig config = KubernetesTargetConfig.builder().kubeconfig(kubeconfig).context(context)
                    .namespace(namespace).inventoryNamespace(inventoryNamespace).forceConflicts(forceConflicts)
                    .replaceImmutable(replaceImmutable).build();
            return new TargetSpec.Kubernetes(config, inventory);
        }
        throw new GitopsException("unknown --target '" + target + "'; use dir:PATH or kubernetes");
    }
}
