package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Server-side apply with {@code dryRun=All}: the object as the server would store it, defaults and the removal
 * of fields our field manager stopped setting included. Left out, to be compared client-side: kinds whose server
 * cannot dry-run (404, 405, 415, or a 400 about dry run) and changes to immutable fields (the apply will refuse
 * or replace them). A conflict with another field manager fails as the apply would.
 */
final class DryRunPreview {
    private static final Logger LOG = System.getLogger(DryRunPreview.class.getName());
    private final ApiDiscovery discovery;
    private final Fabric8Objects objects;
    private final ObjectWriter writer;
    private final KubernetesErrors errors;
    private final RequestPool pool;
    private final String defaultNamespace;

    DryRunPreview(ApiDiscovery discovery, Fabric8Objects objects, ObjectWriter writer, KubernetesErrors errors,
            RequestPool pool, String defaultNamespace) {
        this.discovery = discovery;
        this.objects = objects;
        this.writer = writer;
        this.errors = errors;
        this.pool = pool;
        this.defaultNamespace = defaultNamespace;
    }

    Map<ResourceId, Map<String, Object>> preview(Collection<Resource> resources) {
        List<Callable<Optional<Map<String, Object>>>> requests = new ArrayList<>();
        resources.forEach(r -> requests.add(() -> preview(r)));
        Map<ResourceId, Map<String, Object>> previews = new LinkedHashMap<>();
        var results = pool.all(requests).iterator();
        for (Resource resource : resources) {
            results.next().ifPresent(preview -> previews.put(resource.id(), preview));
        }
        return previews;
    }

    private Optional<Map<String, Object>> preview(Resource resource) {
        ResourceId id = resource.id();
        Optional<ServedKind> served = discovery.find(id.group(), id.kind());
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ServedKind kind = served.get();
        String ns = kind.namespaceOf(id, defaultNamespace);
        try {
            return Optional.of(objects.liveObject(id, writer.serverSideApply(kind, ns,
                    Fabric8Objects.manifestVersion(resource), objects.toGeneric(resource.body(), kind, ns), true))
                    .body());
        } catch (KubernetesClientException e) {
            if (KubernetesErrors.dryRunUnsupported(e) || KubernetesErrors.immutableField(e).isPresent()) {
                LOG.log(Level.DEBUG, () -> "no server dry run of " + id + " (HTTP " + e.getCode() + "): compared"
                        + " client-side");
                return Optional.empty();
            }
            if (e.getCode() == 409) {
                throw KubernetesErrors.conflict(e, "a dry run of the apply of " + id);
            }
            throw errors.translate(e, "patch (dry run)", id.toString(), ns);
        }
    }
}
