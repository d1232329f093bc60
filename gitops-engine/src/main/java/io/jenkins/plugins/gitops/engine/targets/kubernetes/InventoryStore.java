package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import java.util.Map;

/**
 * The inventory in a ConfigMap of the inventory namespace, which is created on demand (the lock's Lease lives
 * there too).
 */
final class InventoryStore {
    private final KubernetesClient client;
    private final KubernetesErrors errors;
    private final String namespace;
    private final String name;
    private final String fieldManager;
    private volatile boolean namespaceExists;

    InventoryStore(KubernetesClient client, KubernetesErrors errors, KubernetesTargetConfig config) {
        this.client = client;
        this.errors = errors;
        this.namespace = config.inventoryNamespace();
        this.name = config.inventoryName();
        this.fieldManager = config.fieldManager();
    }

    Inventory read() {
        ConfigMap map = errors.call("get", what(), namespace,
                () -> client.configMaps().inNamespace(namespace).withName(name).get());
        return map == null ? Inventory.EMPTY : InventoryConfigMapCodec.decode(map.getData(), where());
    }

    /** Encodes without writing: over the ConfigMap limit it fails as {@link #write} would. */
    void check(Inventory inventory) {
        InventoryConfigMapCodec.encode(inventory, where());
    }

    /** One server-side apply of the whole ConfigMap: readers see the old or the new record, never a mix. */
    void write(Inventory inventory) {
        Map<String, String> data = InventoryConfigMapCodec.encode(inventory, where());
        ensureNamespace();
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "gitops-pipeline").endMetadata().withData(data).build();
        errors.call("patch", what(), namespace, () -> client.configMaps().inNamespace(namespace).resource(map)
                .fieldManager(fieldManager).forceConflicts().serverSideApply());
    }

    void ensureNamespace() {
        if (namespaceExists) {
            return;
        }
        if (errors.call("get", "namespace " + namespace, "", () -> client.namespaces().withName(namespace).get()) == null) {
            var created = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
            try {
                client.namespaces().resource(created).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: another run created it meanwhile
                    throw errors.translate(e, "create", "namespace " + namespace, "");
                }
            }
        }
        namespaceExists = true;
    }

    private String where() {
        return namespace + "/" + name;
    }

    private String what() {
        return "configmaps \"" + name + "\"";
    }
}
