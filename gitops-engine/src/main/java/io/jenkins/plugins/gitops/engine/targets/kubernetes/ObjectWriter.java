package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.util.Optional;

/**
 * Server-side apply, delete and the create of a run-once hook, of single objects, with the recovery a user chose: a conflict with another field
 * manager fails or is forced, a change to an immutable field fails or deletes and re-creates the object. After
 * a CRD or a Namespace it waits until the server can take what depends on it.
 */
final class ObjectWriter {
    private final KubernetesTargetConfig config;
    private final ApiDiscovery discovery;
    private final Fabric8Objects objects;
    private final KubernetesErrors errors;
    private final KindWaits waits;
    private final String defaultNamespace;

    ObjectWriter(KubernetesTargetConfig config, ApiDiscovery discovery, Fabric8Objects objects,
            KubernetesErrors errors, KindWaits waits, String defaultNamespace) {
        this.config = config;
        this.discovery = discovery;
        this.objects = objects;
        this.errors = errors;
        this.waits = waits;
        this.defaultNamespace = defaultNamespace;
    }

    LiveObject apply(io.jenkins.plugins.gitops.engine.model.Resource resource) {
        ResourceId id = resource.id();
        ServedKind kind = discovery.resolve(id.group(), id.kind());
        String ns = kind.namespaceOf(id, defaultNamespace);
        String version = Fabric8Objects.manifestVersion(resource);
        GenericKubernetesResource desired = objects.toGeneric(resource.body(), kind, ns);
        GenericKubernetesResource applied;
        try {
            applied = serverSideApply(kind, ns, version, desired, false);
        } catch (KubernetesClientException e) {
            applied = recover(e, id, kind, ns, version, desired);
        }
        if (KindWaits.isCrd(id)) {
            waits.crdEstablished(id, kind);
            discovery.invalidate();
        } else if (KindWaits.isNamespace(id)) {
            waits.namespaceActive(id, kind);
        }
        return objects.written(id, applied);
    }

    /**
     * A run-once hook: a plain create (POST), so that the server picks the name from {@code generateName}; server-side
     * apply needs a name. Returns the name it picked.
     */
    String run(io.jenkins.plugins.gitops.engine.model.Resource resource) {
        ResourceId id = resource.id();
        ServedKind kind = discovery.resolve(id.group(), id.kind());
        String ns = kind.namespaceOf(id, defaultNamespace);
        GenericKubernetesResource desired = objects.toGeneric(resource.body(), kind, ns);
        GenericKubernetesResource created = errors.call("create", id.toString(), ns, () -> objects
                .operation(kind, ns, Fabric8Objects.manifestVersion(resource)).resource(desired).create());
        return created.getMetadata().getName();
    }

    void delete(ResourceId id) {
        // A kind no longer served (its CRD is gone) has no objects left to delete.
        discovery.find(id.group(), id.kind()).ifPresent(kind -> {
            String ns = kind.namespaceOf(id, defaultNamespace);
            errors.call("delete", id.toString(), ns, () -> objects.operation(kind, ns, kind.version())
                    .withName(id.name())
                    .withPropagationPolicy(kind.namespaced() ? DeletionPropagation.FOREGROUND
                            : DeletionPropagation.BACKGROUND)
                    .delete());
        });
    }

    /** With {@code dryRun}: the object as the server would store it, nothing stored. */
    GenericKubernetesResource serverSideApply(ServedKind kind, String ns, String version,
            GenericKubernetesResource desired, boolean dryRun) {
        Resource<GenericKubernetesResource> object = objects.operation(kind, ns, version).resource(desired);
        ServerSideApplicable<GenericKubernetesResource> apply = (dryRun ? object.dryRun() : object)
                .fieldManager(config.fieldManager());
        return (config.forceConflicts() ? apply.forceConflicts() : apply).serverSideApply();
    }

    private GenericKubernetesResource recover(KubernetesClientException e, ResourceId id, ServedKind kind, String ns,
            String version, GenericKubernetesResource desired) {
        if (e.getCode() == 409) {
            throw KubernetesErrors.conflict(e, "apply of " + id);
        }
        Optional<String> immutable = KubernetesErrors.immutableField(e);
        if (immutable.isPresent()) {
            if (!config.replaceImmutable()) {
                throw new TargetException("cannot update " + id + ": " + immutable.get() + " is immutable; it can only"
                        + " be deleted and re-created", Remedy.of(Remedy.Kind.REPLACE_IMMUTABLE), e);
            }
            delete(id);
            waits.gone(id, kind, ns);
            return errors.call("create", id.toString(), ns, () -> serverSideApply(kind, ns, version, desired, false));
        }
        throw errors.translate(e, "patch", id.toString(), ns);
    }
}
