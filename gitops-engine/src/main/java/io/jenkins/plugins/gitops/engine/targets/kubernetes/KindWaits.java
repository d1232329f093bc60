package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.gitops.engine.Polling;
import io.jenkins.plugins.gitops.engine.model.Conditions;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The waits inside one apply, where the next object depends on the server having acted: a CRD must be
 * Established before objects of its kind can be applied, a namespace must not be Terminating before objects
 * are created in it, and an object replaced for an immutable field must be gone before it is re-created.
 */
final class KindWaits {
    private static final Duration POLL = Duration.ofMillis(100);
    private final Fabric8Objects objects;
    private final KubernetesErrors errors;
    private final Duration timeout;

    KindWaits(Fabric8Objects objects, KubernetesErrors errors, Duration timeout) {
        this.objects = objects;
        this.errors = errors;
        this.timeout = timeout;
    }

    static boolean isCrd(ResourceId id) {
        return "CustomResourceDefinition".equals(id.kind()) && "apiextensions.k8s.io".equals(id.group());
    }

    static boolean isNamespace(ResourceId id) {
        return "Namespace".equals(id.kind()) && id.group().isEmpty();
    }

    void crdEstablished(ResourceId id, ServedKind kind) {
        until(() -> {
            Map<String, Object> crd = body(id, kind, "");
            return crd != null && Conditions.isTrueIn(crd, "Established");
        }, "CustomResourceDefinition " + id.name() + " to be Established");
    }

    void namespaceActive(ResourceId id, ServedKind kind) {
        until(() -> {
            Map<String, Object> ns = body(id, kind, "");
            return ns == null || !"Terminating".equals(Documents.map(ns, "status")
                    .flatMap(s -> Documents.string(s, "phase")).orElse(null));
        }, "namespace " + id.name() + " to leave phase Terminating (it is being deleted; apply again once it is gone)");
    }

    void gone(ResourceId id, ServedKind kind, String ns) {
        until(() -> body(id, kind, ns) == null, id + " to be deleted before re-creating it");
    }

    private Map<String, Object> body(ResourceId id, ServedKind kind, String ns) {
        GenericKubernetesResource live = errors.call("get", id.toString(), ns,
                () -> objects.get(kind, ns, kind.version(), id.name()));
        return live == null ? null : objects.liveObject(id, live).body();
    }

    private void until(BooleanSupplier condition, String what) {
        boolean met;
        try {
            met = Polling.until(condition::getAsBoolean, Boolean::booleanValue, timeout, POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while waiting for " + what, e);
        }
        if (!met) {
            throw new TargetException("timed out after " + Polling.describe(timeout) + " waiting for " + what
                    + " at " + errors.serverUrl());
        }
    }
}
