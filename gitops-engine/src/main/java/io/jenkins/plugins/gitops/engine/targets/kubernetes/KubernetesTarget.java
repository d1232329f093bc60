package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.Remedy;
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
import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import io.jenkins.plugins.gitops.engine.targets.ApiServer;
import io.jenkins.plugins.gitops.engine.targets.Capabilities;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes cluster as a {@link Target}: objects by server-side apply, the inventory in a ConfigMap and the
 * lock in a Lease, both in the inventory namespace. Thread-safe: the engine applies a wave from many threads.
 */
public final class KubernetesTarget implements Target, ApiServer {
    private static final String CRD = "CustomResourceDefinition";
    private static final Pattern CONFLICTING_MANAGER = Pattern.compile("conflict with \"([^\"]+)\"");
    private static final Duration POLL = Duration.ofMillis(100);
    /** Requests in flight at once for one read or preview of many objects. */
    private static final int CONCURRENT_REQUESTS = 16;

    private final KubernetesTargetConfig config;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final KubernetesErrors errors;
    private final ApiDiscovery discovery;
    private final String defaultNamespace;
    private final String identity;
    private final Clock clock;
    private final ExecutorService requests;
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
        this.requests = Executors.newFixedThreadPool(CONCURRENT_REQUESTS, task -> {
            Thread thread = new Thread(task, "gitops-kubernetes-request");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String identity() {
        return identity;
    }

    /** Compares the fields the manifests set (the server fills in defaults); controllers write status here. */
    @Override
    public Capabilities capabilities() {
        return new Capabilities(DiffScope.DESIRED_FIELDS, true, true, false);
    }

    @Override
    public Optional<ApiServer> apiServer() {
        return Optional.of(this);
    }

    /** Namespaced: the default namespace when none is named; cluster-scoped: no namespace. Unknown kinds as given. */
    @Override
    public ResourceId canonical(ResourceId id) {
        return discovery.find(id.group(), id.kind()).map(kind -> id.withNamespace(namespaceOf(id, kind))).orElse(id);
    }

    @Override
    public boolean serves(String group, String kind) {
        return discovery.find(group, kind).isPresent();
    }

    @Override
    public Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        return concurrently(ids, Function.identity(), id -> get(id, null));
    }

    /**
     * Each object at its manifest's version where the cluster serves it there (a v1 manifest of a kind whose
     * preferred version is v2 compares with the v1 view, not a conversion), else at the preferred version.
     */
    @Override
    public Map<ResourceId, LiveObject> readDesired(
            Collection<io.jenkins.plugins.gitops.engine.model.Resource> resources) {
        return concurrently(resources, io.jenkins.plugins.gitops.engine.model.Resource::id,
                resource -> get(resource.id(), manifestVersion(resource)));
    }

    /**
     * One object, at {@code version} if given and served, else at the preferred version. An object of a kind the
     * cluster does not serve yet (its CRD comes in the same apply) cannot exist: absent.
     */
    private Optional<LiveObject> get(ResourceId id, String version) {
        Optional<ServedKind> served = discovery.find(id.group(), id.kind());
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ServedKind kind = served.get();
        String ns = namespaceOf(id, kind);
        GenericKubernetesResource found = null;
        if (version != null && !version.equals(kind.version())) {
            found = errors.call("get", id.toString(), ns, () -> operation(kind, ns, version).withName(id.name()).get());
        }
        if (found == null) {
            // Absent, or not served at the manifest's version: the preferred version tells which.
            found = errors.call("get", id.toString(), ns,
                    () -> operation(kind, ns, kind.version()).withName(id.name()).get());
        }
        return Optional.ofNullable(found).map(f -> liveObject(id, f));
    }

    /**
     * Server-side apply with {@code dryRun=All}: the object as the server would store it, defaults and the
     * removal of fields our field manager stopped setting included. Left out, to be compared client-side: kinds
     * whose server cannot dry-run (404, 405, 415, or a 400 about dry run) and changes to immutable fields
     * (the apply will refuse or replace them). A conflict with another field manager fails as the apply would.
     */
    @Override
    public Map<ResourceId, Map<String, Object>> preview(
            Collection<io.jenkins.plugins.gitops.engine.model.Resource> resources) {
        return concurrently(resources, io.jenkins.plugins.gitops.engine.model.Resource::id, resource -> {
            ResourceId id = resource.id();
            Optional<ServedKind> served = discovery.find(id.group(), id.kind());
            if (served.isEmpty()) {
                return Optional.empty();
            }
            ServedKind kind = served.get();
            String ns = namespaceOf(id, kind);
            try {
                return Optional.of(liveObject(id, serverSideApply(kind, ns, manifestVersion(resource),
                        toGeneric(resource.body(), kind, ns), true)).body());
            } catch (KubernetesClientException e) {
                if (dryRunUnsupported(e) || immutableField(e).isPresent()) {
                    return Optional.empty();
                }
                if (e.getCode() == 409) {
                    throw conflict(e, "a dry run of the apply of " + id);
                }
                throw errors.translate(e, "patch (dry run)", id.toString(), ns);
            }
        });
    }

    @Override
    public LiveObject apply(io.jenkins.plugins.gitops.engine.model.Resource resource) {
        ResourceId id = resource.id();
        ServedKind kind = discovery.resolve(id.group(), id.kind());
        String ns = namespaceOf(id, kind);
        String version = manifestVersion(resource);
        GenericKubernetesResource desired = toGeneric(resource.body(), kind, ns);
        GenericKubernetesResource applied;
        try {
            applied = serverSideApply(kind, ns, version, desired, false);
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

    /** Encodes without writing: over the ConfigMap limit it fails as {@link #writeInventory} would. */
    @Override
    public void checkInventory(Inventory inventory) {
        InventoryConfigMapCodec.encode(inventory, config.inventoryNamespace() + "/" + config.inventoryName());
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
        requests.shutdownNow();
        if (ownsClient) {
            client.close();
        }
    }

    /**
     * Runs one request per item on the target's pool; the present results keyed by each item's id. The first
     * failure in the items' order is rethrown as it was raised (it names its resource); the rest are cancelled.
     */
    private <T, R> Map<ResourceId, R> concurrently(Collection<T> items, Function<T, ResourceId> idOf,
            Function<T, Optional<R>> request) {
        List<Future<Optional<R>>> futures = new ArrayList<>(items.size());
        try {
            items.forEach(item -> futures.add(requests.submit(() -> request.apply(item))));
            Map<ResourceId, R> results = new LinkedHashMap<>();
            Iterator<Future<Optional<R>>> pending = futures.iterator();
            for (T item : items) {
                await(pending.next()).ifPresent(result -> results.put(idOf.apply(item), result));
            }
            return results;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while talking to the Kubernetes API server at "
                    + errors.serverUrl(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new TargetException("request to the Kubernetes API server at " + errors.serverUrl() + " failed",
                    e.getCause());
        }
    }

    private GenericKubernetesResource serverSideApply(ServedKind kind, String ns, String version,
            GenericKubernetesResource desired, boolean dryRun) {
        Resource<GenericKubernetesResource> object = operation(kind, ns, version).resource(desired);
        ServerSideApplicable<GenericKubernetesResource> apply = (dryRun ? object.dryRun() : object)
                .fieldManager(config.fieldManager());
        return (config.forceConflicts() ? apply.forceConflicts() : apply).serverSideApply();
    }

    /** The manifest's version, not the preferred one: server-side apply rejects a body whose apiVersion differs from the URL's. */
    private static String manifestVersion(io.jenkins.plugins.gitops.engine.model.Resource resource) {
        return resource.apiVersion().substring(resource.apiVersion().indexOf('/') + 1);
    }

    /** The server cannot dry-run this kind: an old or aggregated API that lacks the feature. */
    private static boolean dryRunUnsupported(KubernetesClientException e) {
        if (e.getCode() == 404 || e.getCode() == 405 || e.getCode() == 415) {
            return true;
        }
        // Tested, never quoted: a server message may echo field values.
        String message = e.getStatus() == null ? "" : String.valueOf(e.getStatus().getMessage()).toLowerCase(Locale.ROOT);
        return e.getCode() == 400 && (message.contains("dry run") || message.contains("dryrun"));
    }

    /** "field spec.selector" or "a field", when a 422 says a field is immutable; empty for any other failure. */
    private static Optional<String> immutableField(KubernetesClientException e) {
        if (e.getCode() != 422) {
            return Optional.empty();
        }
        List<StatusCause> immutable = KubernetesErrors.causes(e.getStatus()).stream()
                .filter(c -> String.valueOf(c.getMessage()).contains("field is immutable")).toList();
        List<String> fields = immutable.stream().map(StatusCause::getField).filter(Objects::nonNull).distinct().toList();
        if (!fields.isEmpty()) {
            return Optional.of("field " + String.join(", ", fields));
        }
        boolean said = !immutable.isEmpty()
                || e.getStatus() != null && String.valueOf(e.getStatus().getMessage()).contains("field is immutable");
        return said ? Optional.of("a field") : Optional.empty();
    }

    private static TargetException conflict(KubernetesClientException e, String what) {
        List<StatusCause> causes = KubernetesErrors.causes(e.getStatus());
        String managers = causes.stream().map(c -> CONFLICTING_MANAGER.matcher(String.valueOf(c.getMessage())))
                .filter(Matcher::find).map(m -> m.group(1)).distinct().collect(Collectors.joining(", "));
        String fields = causes.stream().map(StatusCause::getField).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(", "));
        return new TargetException(what + " conflicts with field manager(s) "
                + (managers.isEmpty() ? "(not named by the server)" : managers)
                + (fields.isEmpty() ? "" : " on " + fields) + ": another tool set those fields. Remove them from"
                + " the manifest, or take them over", Remedy.of(Remedy.Kind.FORCE_CONFLICTS), e);
    }

    private GenericKubernetesResource recover(KubernetesClientException e, ResourceId id, ServedKind kind, String ns,
            String version, GenericKubernetesResource desired) {
        if (e.getCode() == 409) {
            throw conflict(e, "apply of " + id);
        }
        Optional<String> immutable = immutableField(e);
        if (immutable.isPresent()) {
            if (!config.replaceImmutable()) {
                throw new TargetException("cannot update " + id + ": " + immutable.get() + " is immutable; it can only"
                        + " be deleted and re-created", Remedy.of(Remedy.Kind.REPLACE_IMMUTABLE), e);
            }
            delete(id);
            waitUntil(() -> errors.call("get", id.toString(), ns,
                    () -> operation(kind, ns, kind.version()).withName(id.name()).get()) == null,
                    id + " to be deleted before re-creating it");
            return errors.call("create", id.toString(), ns, () -> serverSideApply(kind, ns, version, desired, false));
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
        Documents.metadata(copy).ifPresent(m -> {
            if (kind.namespaced()) {
                m.putIfAbsent("namespace", ns);
            } else {
                m.remove("namespace"); // the server refuses a namespace on a cluster-scoped object
            }
        });
        return client.getKubernetesSerialization().convertValue(copy, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private LiveObject liveObject(ResourceId id, GenericKubernetesResource live) {
        Map<String, Object> body = client.getKubernetesSerialization().convertValue(live, Map.class);
        return new LiveObject(id, Documents.freeze(body), live.getMetadata().getResourceVersion());
    }

    private String inventoryWhat() {
        return "configmaps \"" + config.inventoryName() + "\"";
    }
}
