package io.jenkins.plugins.gitops.engine.target.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.target.DiffScope;
import io.jenkins.plugins.gitops.engine.target.Inventory;
import io.jenkins.plugins.gitops.engine.target.LiveObject;
import io.jenkins.plugins.gitops.engine.target.Target;
import io.jenkins.plugins.gitops.engine.target.TargetException;
import io.jenkins.plugins.gitops.engine.target.TargetLock;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes cluster as a {@link Target}: objects by server-side apply, the inventory in a ConfigMap and the
 * lock in a Lease, both in the inventory namespace. Thread-safe: the engine applies a wave from many threads.
 */
public final class KubernetesTarget implements Target {
    private static final String CRD = "CustomResourceDefinition";
    private static final Pattern CONFLICTING_MANAGER = Pattern.compile("conflict with \"([^\"]+)\"");
    private static final Duration POLL = Duration.ofMillis(100);
    /** Objects read at once, well under the 64 concurrent requests KubernetesClients allows per host. */
    static final int READ_PARALLELISM = 16;

    private final KubernetesTargetConfig config;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final KubernetesErrors errors;
    private final ApiDiscovery discovery;
    private final String defaultNamespace;
    private final String identity;
    private final Clock clock;
    private volatile boolean inventoryNamespaceExists;

    /** Connects as the config says; closing the target closes the client. */
    public KubernetesTarget(KubernetesTargetConfig config) {
        this(config, KubernetesClients.create(config), true, Clock.systemUTC());
    }

    /** Uses a client made elsewhere (tests, the Jenkins plugin's credentials); the caller closes it. */
    public KubernetesTarget(KubernetesTargetConfig config, KubernetesClient client) {
        this(config, client, false, Clock.systemUTC());
    }

    private KubernetesTarget(KubernetesTargetConfig config, KubernetesClient client, boolean ownsClient, Clock clock) {
        this.config = config;
        this.client = client;
        this.ownsClient = ownsClient;
        this.clock = clock;
        String url = client.getMasterUrl().toString().replaceAll("/+$", "");
        this.errors = new KubernetesErrors(url);
        this.discovery = new ApiDiscovery(client, errors);
        this.defaultNamespace = config.namespace() != null ? config.namespace()
                : Objects.requireNonNullElse(client.getNamespace(), "default");
        String context = config.context() != null ? config.context()
                : client.getConfiguration().getCurrentContext() != null
                        ? client.getConfiguration().getCurrentContext().getName() : "-";
        this.identity = "k8s:" + url + "#" + context + "/" + config.inventoryNamespace() + "/" + config.inventoryName();
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public DiffScope diffScope() {
        return DiffScope.DESIRED_FIELDS;
    }

    @Override
    public Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        List<ResourceId> wanted = List.copyOf(ids);
        // One round trip per object: a plan of thousands must not wait for them one after the other.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(READ_PARALLELISM, wanted.size())),
                r -> {
                    Thread t = new Thread(r, "gitops-read");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<LiveObject>> reads = wanted.stream().map(id -> pool.submit(() -> readOne(id))).toList();
            Map<ResourceId, LiveObject> live = new LinkedHashMap<>();
            for (int i = 0; i < wanted.size(); i++) {
                LiveObject found = join(reads.get(i));
                if (found != null) {
                    live.put(wanted.get(i), found);
                }
            }
            return live;
        } finally {
            pool.shutdownNow();
        }
    }

    private LiveObject readOne(ResourceId id) {
        ServedKind kind = discovery.resolve(id.group(), id.kind());
        String ns = namespaceOf(id, kind);
        GenericKubernetesResource found = errors.call("get", id.toString(), ns,
                () -> operation(kind, ns, kind.version()).withName(id.name()).get());
        return found == null ? null : liveObject(id, found);
    }

    /** The read's object, or its failure as thrown on the caller's thread (the first in id order wins). */
    private static LiveObject join(Future<LiveObject> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while reading objects from the cluster", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public LiveObject apply(io.jenkins.plugins.gitops.engine.model.Resource resource) {
        ResourceId id = resource.id();
        ServedKind kind = discovery.resolve(id.group(), id.kind());
        String ns = namespaceOf(id, kind);
        // The manifest's version, not the preferred one: server-side apply rejects a body whose apiVersion
        // differs from the URL's.
        String version = resource.apiVersion().substring(resource.apiVersion().indexOf('/') + 1);
        GenericKubernetesResource desired = toGeneric(resource.body(), kind, ns);
        GenericKubernetesResource applied;
        try {
            applied = serverSideApply(kind, ns, version, desired);
        } catch (KubernetesClientException e) {
            applied = recover(e, id, kind, ns, version, desired);
        }
        if (CRD.equals(id.kind()) && "apiextensions.k8s.io".equals(id.group())) {
            waitUntil(() -> established(id, kind), "CustomResourceDefinition " + id.name() + " to be Established");
            discovery.invalidate();
        } else if ("Namespace".equals(id.kind()) && id.group().isEmpty()) {
            waitUntil(() -> !"Terminating".equals(phase(id, kind)), "namespace " + id.name()
                    + " to leave phase Terminating (it is being deleted; apply again once it is gone)");
        }
        return liveObject(id, applied);
    }

    @Override
    public void delete(ResourceId id) {
        // A kind no longer served (its CRD is gone) has no objects left to delete.
        discovery.find(id.group(), id.kind()).ifPresent(kind -> {
            String ns = namespaceOf(id, kind);
            errors.call("delete", id.toString(), ns, () -> operation(kind, ns, kind.version()).withName(id.name())
                    .withPropagationPolicy(kind.namespaced() ? DeletionPropagation.FOREGROUND
                            : DeletionPropagation.BACKGROUND)
                    .delete());
        });
    }

    @Override
    public Inventory readInventory() {
        String ns = config.inventoryNamespace();
        ConfigMap map = errors.call("get", inventoryWhat(), ns,
                () -> client.configMaps().inNamespace(ns).withName(config.inventoryName()).get());
        return map == null ? Inventory.EMPTY : InventoryConfigMapCodec.decode(map.getData(), ns + "/" + config.inventoryName());
    }

    /** One server-side apply of the whole ConfigMap: readers see the old or the new record, never a mix. */
    @Override
    public void writeInventory(Inventory inventory) {
        String ns = config.inventoryNamespace();
        Map<String, String> data = InventoryConfigMapCodec.encode(inventory, ns + "/" + config.inventoryName());
        ensureInventoryNamespace();
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(config.inventoryName()).withNamespace(ns)
                .addToLabels("app.kubernetes.io/managed-by", "gitops-pipeline").endMetadata().withData(data).build();
        errors.call("patch", inventoryWhat(), ns, () -> client.configMaps().inNamespace(ns).resource(map)
                .fieldManager(config.fieldManager()).forceConflicts().serverSideApply());
    }

    @Override
    public TargetLock lock(String holder, Duration lease) {
        ensureInventoryNamespace();
        return LeaseLock.acquire(client, errors, clock, identity, config.inventoryNamespace(),
                "gitops-" + config.inventoryName(), holder, lease);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private GenericKubernetesResource serverSideApply(ServedKind kind, String ns, String version,
            GenericKubernetesResource desired) {
        ServerSideApplicable<GenericKubernetesResource> apply = operation(kind, ns, version).resource(desired)
                .fieldManager(config.fieldManager());
        return (config.forceConflicts() ? apply.forceConflicts() : apply).serverSideApply();
    }

    private GenericKubernetesResource recover(KubernetesClientException e, ResourceId id, ServedKind kind, String ns,
            String version, GenericKubernetesResource desired) {
        List<StatusCause> causes = KubernetesErrors.causes(e.getStatus());
        if (e.getCode() == 409) {
            String managers = causes.stream().map(c -> CONFLICTING_MANAGER.matcher(String.valueOf(c.getMessage())))
                    .filter(Matcher::find).map(m -> m.group(1)).distinct().collect(Collectors.joining(", "));
            String fields = causes.stream().map(StatusCause::getField).filter(Objects::nonNull).distinct()
                    .collect(Collectors.joining(", "));
            throw new TargetException("apply of " + id + " conflicts with field manager(s) "
                    + (managers.isEmpty() ? "(not named by the server)" : managers)
                    + (fields.isEmpty() ? "" : " on " + fields) + ": another tool set those fields. Remove them from"
                    + " the manifest, or re-run with --force-conflicts to take them over", e);
        }
        List<String> immutable = causes.stream().filter(c -> String.valueOf(c.getMessage()).contains("field is immutable"))
                .map(c -> Objects.requireNonNullElse(c.getField(), "(unnamed)")).distinct().toList();
        if (e.getCode() == 422 && (!immutable.isEmpty() || String.valueOf(e.getStatus() == null ? null
                : e.getStatus().getMessage()).contains("field is immutable"))) {
            String fields = immutable.isEmpty() ? "a field" : "field " + String.join(", ", immutable);
            if (!config.replaceImmutable()) {
                throw new TargetException("cannot update " + id + ": " + fields + " is immutable. Re-run with"
                        + " --replace-immutable to delete and re-create it (it is absent for a moment)", e);
            }
            delete(id);
            waitUntil(() -> errors.call("get", id.toString(), ns,
                    () -> operation(kind, ns, kind.version()).withName(id.name()).get()) == null,
                    id + " to be deleted before re-creating it");
            return errors.call("create", id.toString(), ns, () -> serverSideApply(kind, ns, version, desired));
        }
        throw errors.translate(e, "patch", id.toString(), ns);
    }

    private boolean established(ResourceId id, ServedKind kind) {
        GenericKubernetesResource crd = errors.call("get", id.toString(), "",
                () -> operation(kind, "", kind.version()).withName(id.name()).get());
        Object conditions = crd == null ? null
                : Documents.map(crd.getAdditionalProperties(), "status").map(s -> s.get("conditions")).orElse(null);
        return conditions instanceof List<?> list && list.stream().anyMatch(c -> c instanceof Map<?, ?> m
                && "Established".equals(m.get("type")) && "True".equals(m.get("status")));
    }

    private String phase(ResourceId id, ServedKind kind) {
        GenericKubernetesResource ns = errors.call("get", id.toString(), "",
                () -> operation(kind, "", kind.version()).withName(id.name()).get());
        return ns == null ? null : Documents.map(ns.getAdditionalProperties(), "status")
                .flatMap(s -> Documents.string(s, "phase")).orElse(null);
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + config.waitTimeout().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TargetException("timed out after " + config.waitTimeout().toSeconds() + "s waiting for "
                        + what + " at " + errors.serverUrl());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException("interrupted while waiting for " + what, e);
            }
        }
    }

    private void ensureInventoryNamespace() {
        if (inventoryNamespaceExists) {
            return;
        }
        String ns = config.inventoryNamespace();
        if (errors.call("get", "namespace " + ns, "", () -> client.namespaces().withName(ns).get()) == null) {
            var namespace = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build();
            try {
                client.namespaces().resource(namespace).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: another run created it meanwhile
                    throw errors.translate(e, "create", "namespace " + ns, "");
                }
            }
        }
        inventoryNamespaceExists = true;
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> operation(ServedKind kind, String ns, String version) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(kind.context(version));
        return kind.namespaced() ? all.inNamespace(ns) : all;
    }

    private String namespaceOf(ResourceId id, ServedKind kind) {
        if (!kind.namespaced()) {
            return "";
        }
        return id.namespace().isEmpty() ? defaultNamespace : id.namespace();
    }

    private GenericKubernetesResource toGeneric(Map<String, Object> body, ServedKind kind, String ns) {
        Map<String, Object> copy = Documents.mutableCopy(body);
        if (kind.namespaced()) {
            Documents.metadata(copy).ifPresent(m -> m.putIfAbsent("namespace", ns));
        }
        return client.getKubernetesSerialization().convertValue(copy, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private LiveObject liveObject(ResourceId id, GenericKubernetesResource live) {
        Map<String, Object> body = client.getKubernetesSerialization().convertValue(live, Map.class);
        return new LiveObject(id, body, live.getMetadata().getResourceVersion());
    }

    private String inventoryWhat() {
        return "configmaps \"" + config.inventoryName() + "\"";
    }
}
