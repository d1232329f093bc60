package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Builds a fabric8 client from a {@link KubernetesTargetConfig}: kubeconfig file, context, or in-cluster. */
public final class KubernetesClients {
    /** The engine applies a wave with many threads; fabric8's default (5 per host) would serialize them. */
    private static final int MAX_CONCURRENT_REQUESTS = 64;
    /** Retries of a refused connection multiply the wait for an unreachable cluster; keep them few. */
    private static final int RETRIES = 2;

    private KubernetesClients() {
    }

    public static KubernetesClient create(KubernetesTargetConfig target) {
        return create(target, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static KubernetesClient create(KubernetesTargetConfig target, Map<String, String> env, Path home) {
        Config config = kubeconfigFile(target.kubeconfig(), env, home)
                .map(file -> fromFile(file, target.context()))
                .orElseGet(() -> inCluster(env));
        if (target.namespace() != null) {
            config.setNamespace(target.namespace());
        }
        config.setRequestTimeout((int) target.requestTimeout().toMillis());
        config.setConnectionTimeout((int) Math.min(target.requestTimeout().toMillis(), 10_000));
        config.setMaxConcurrentRequests(MAX_CONCURRENT_REQUESTS);
        config.setMaxConcurrentRequestsPerHost(MAX_CONCURRENT_REQUESTS);
        config.setRequestRetryBackoffLimit(RETRIES);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The kubeconfig to use, or empty for in-cluster. An explicitly named file must exist. */
    static Optional<Path> kubeconfigFile(Path explicit, Map<String, String> env, Path home) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new TargetException("kubeconfig " + explicit + " does not exist", Remedy.of(Remedy.Kind.KUBECONFIG));
            }
            return Optional.of(explicit);
        }
        String fromEnv = env.getOrDefault("KUBECONFIG", "");
        for (String entry : fromEnv.split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
                return Optional.of(Path.of(entry));
            }
        }
        Path standard = home.resolve(".kube").resolve("config");
        return Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
    }

    // Config.fromKubeconfig(String, String, String) is marked for removal in the client; used until a release the
    // plugin can require offers what replaces it (a kubeconfig given as text, so that KubeconfigText reads the file).
    @SuppressWarnings("removal")
    private static Config fromFile(Path file, String context) {
        String text = KubeconfigText.read(file);
        Config config;
        try {
            config = Config.fromKubeconfig(context, text, file.toString());
        } catch (RuntimeException e) {
            // Neither the client's message nor its parser's is shown, nor kept as the cause: either may quote a line.
            throw new TargetException("cannot use kubeconfig " + file + ": the Kubernetes client cannot read it ("
                    + e.getClass().getSimpleName() + "); check it with kubectl config view --kubeconfig " + file,
                    Remedy.of(Remedy.Kind.KUBECONFIG));
        }
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            throw new TargetException("kubeconfig " + file + " has no context '" + context + "'", Remedy.of(Remedy.Kind.CONTEXT));
        }
        return config;
    }

    private static Config inCluster(Map<String, String> env) {
        if (!env.containsKey("KUBERNETES_SERVICE_HOST")) {
            throw new TargetException("no kubeconfig found (none given, no KUBECONFIG, no ~/.kube/config) and not"
                    + " running inside a cluster", Remedy.of(Remedy.Kind.KUBECONFIG));
        }
        return Config.autoConfigure(null);
    }
}
