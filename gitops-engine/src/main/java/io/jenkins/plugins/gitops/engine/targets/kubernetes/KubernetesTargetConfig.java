package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a cluster and where the engine keeps its records there.
 *
 * @param kubeconfig         kubeconfig file; null: the first file of {@code KUBECONFIG}, else {@code ~/.kube/config},
 *                           else the in-cluster service account
 * @param context            kubeconfig context; null: the file's current context
 * @param namespace          namespace for namespaced resources that do not name one; null: the context's, else "default"
 * @param inventoryName      names the inventory ConfigMap and the lock Lease ({@code gitops-<name>}); one per environment
 * @param inventoryNamespace where the inventory and the lock live (created on demand)
 * @param fieldManager       server-side apply field manager
 * @param forceConflicts     take over fields another field manager set, instead of failing
 * @param replaceImmutable   delete and re-create an object whose update changes an immutable field
 * @param requestTimeout     per HTTP request
 * @param waitTimeout        bound for waits inside one apply (CRD established, namespace active, replaced object gone)
 */
public record KubernetesTargetConfig(@Nullable Path kubeconfig, @Nullable String context, @Nullable String namespace,
        String inventoryName,
        String inventoryNamespace, String fieldManager, boolean forceConflicts, boolean replaceImmutable,
        Duration requestTimeout, Duration waitTimeout) {

    public static final String DEFAULT_INVENTORY_NAMESPACE = "gitops-system";
    public static final String DEFAULT_FIELD_MANAGER = "gitops-pipeline";
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,200}[a-z0-9])?");

    public KubernetesTargetConfig {
        inventoryName = inventoryName == null || inventoryName.isBlank() ? "default" : inventoryName;
        if (!DNS_SUBDOMAIN.matcher(inventoryName).matches()) {
            throw new IllegalArgumentException("inventory name '" + inventoryName
                    + "' must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        inventoryNamespace = inventoryNamespace == null ? DEFAULT_INVENTORY_NAMESPACE : inventoryNamespace;
        fieldManager = fieldManager == null ? DEFAULT_FIELD_MANAGER : fieldManager;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        waitTimeout = waitTimeout == null ? Duration.ofMinutes(2) : waitTimeout;
    }

    /** Defaults everywhere except the inventory name. */
    public static KubernetesTargetConfig defaults(String inventoryName) {
        return builder().inventoryName(inventoryName).build();
    }

    /** An inventory name derived from an environment path: {@code envs/Prod_EU} becomes {@code envs-prod-eu}. */
    public static String inventoryNameFor(String environmentPath) {
        String name = environmentPath.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        return name.isEmpty() ? "default" : name.substring(0, Math.min(name.length(), 200));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().kubeconfig(kubeconfig).context(context).namespace(namespace).inventoryName(inventoryName)
                .inventoryNamespace(inventoryNamespace).fieldManager(fieldManager).forceConflicts(forceConflicts)
                .replaceImmutable(replaceImmutable).requestTimeout(requestTimeout).waitTimeout(waitTimeout);
    }

    /** Names each setting, so that a call site reads which of the ten it sets; unset ones take the defaults. */
    public static final class Builder {
        private Path kubeconfig;
        private String context;
        private String namespace;
        private String inventoryName;
        private String inventoryNamespace;
        private String fieldManager;
        private boolean forceConflicts;
        private boolean replaceImmutable;
        private Duration requestTimeout;
        private Duration waitTimeout;

        private Builder() {
        }

        public Builder kubeconfig(Path file) {
            this.kubeconfig = file;
            return this;
        }

        public Builder context(String name) {
            this.context = name;
            return this;
        }

        public Builder namespace(String name) {
            this.namespace = name;
            return this;
        }

        public Builder inventoryName(String name) {
            this.inventoryName = name;
            return this;
        }

        public Builder inventoryNamespace(String name) {
            this.inventoryNamespace = name;
            return this;
        }

        public Builder fieldManager(String name) {
            this.fieldManager = name;
            return this;
        }

        public Builder forceConflicts(boolean force) {
            this.forceConflicts = force;
            return this;
        }

        public Builder replaceImmutable(boolean replace) {
            this.replaceImmutable = replace;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = timeout;
            return this;
        }

        public KubernetesTargetConfig build() {
            return new KubernetesTargetConfig(kubeconfig, context, namespace, inventoryName, inventoryNamespace,
                    fieldManager, forceConflicts, replaceImmutable, requestTimeout, waitTimeout);
        }
    }
}
