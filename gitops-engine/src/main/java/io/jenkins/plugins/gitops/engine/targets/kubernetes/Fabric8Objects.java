package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import java.util.Map;

/** Between the engine's plain maps and fabric8's generic resources, and the fabric8 operation for a kind. */
final class Fabric8Objects {
    private final KubernetesClient client;

    Fabric8Objects(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        return client;
    }

    /** The operations on one kind at one version, in {@code ns} when the kind is namespaced. */
    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(ServedKind kind, String ns, String version) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(kind.context(version));
        return kind.namespaced() ? all.inNamespace(ns) : all;
    }

    /** One page of a LIST in {@code ns}, or across all namespaces when {@code ns} is null. */
    GenericKubernetesResourceList list(ServedKind kind, String ns, String version, ListOptions options) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(kind.context(version));
        return ns == null ? all.inAnyNamespace().list(options) : operation(kind, ns, version).list(options);
    }

    /** One object by name at a version; null when absent (or when the kind is not served at that version). */
    GenericKubernetesResource get(ServedKind kind, String ns, String version, String name) {
        return operation(kind, ns, version).withName(name).get();
    }

    /** The manifest's version, not the preferred one: server-side apply rejects a body whose apiVersion differs from the URL's. */
    static String manifestVersion(io.jenkins.plugins.gitops.engine.model.Resource resource) {
        return resource.apiVersion().substring(resource.apiVersion().indexOf('/') + 1);
    }

    /** The manifest as the server takes it: in its namespace if namespaced, without one if cluster-scoped. */
    GenericKubernetesResource toGeneric(Map<String, Object> body, ServedKind kind, String ns) {
        Map<String, Object> copy = Documents.mutableCopy(body);
        Documents.metadata(copy).ifPresent(m -> {
            if (kind.namespaced()) {
                m.putIfAbsent("namespace", ns);
            } else {
                m.remove("namespace"); // the server refuses a namespace on a cluster-scoped object
            }
        });
        return client.getKubernetesSerialization().convertValue(copy, GenericKubernetesResource.class);
    }

    LiveObject liveObject(ResourceId id, GenericKubernetesResource live) {
        return new LiveObject(id, body(live), live.getMetadata().getResourceVersion());
    }

    /** What the server answered a write, converted only if read: an apply of thousands reads none of it. */
    LiveObject written(ResourceId id, GenericKubernetesResource live) {
        return LiveObject.readWhenAsked(id, live.getMetadata().getResourceVersion(), () -> body(live));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(GenericKubernetesResource live) {
        return Documents.freeze(client.getKubernetesSerialization().convertValue(live, Map.class));
    }
}
