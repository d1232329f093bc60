package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.ApiServer;
import io.jenkins.plugins.gitops.engine.targets.Capabilities;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes cluster as a {@link Target}: objects by server-side apply, the inventory in a ConfigMap and the
 * lock in a Lease, both in the inventory namespace. Thread-safe: the engine applies a wave from many threads.
 * Each job has its own class: discovery ({@link ApiDiscovery}), reads ({@link LiveReader}), dry runs
 * ({@link DryRunPreview}), OpenAPI documents ({@link OpenApiDocuments}), writes with recovery ({@link ObjectWriter}), waits ({@link KindWaits}), the inventory
 * ({@link InventoryStore}), the lock ({@link LeaseLock}), concurrency ({@link RequestPool}), conversion
 * ({@link Fabric8Objects}) and error messages ({@link KubernetesErrors}); this class wires them.
 */
public final class KubernetesTarget implements Target, ApiServer {
    private final KubernetesTargetConfig config;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final KubernetesErrors errors;
    private final ApiDiscovery discovery;
    private final String defaultNamespace;
    private final String identity;
    private final Clock clock;
    private final RequestPool pool;
    private final LiveReader reader;
    private final ObjectWriter writer;
    private final DryRunPreview previews;
    private final InventoryStore inventory;
    private final ManagedFields managedFields;
    private final OpenApiDocuments openApi;

    /** Connects as the config says; closing the target closes the client. */
    public KubernetesTarget(KubernetesTargetConfig config) {
        this(config, KubernetesClients.create(config), true, ReadMode.LIST);
    }

    /** Uses a client made elsewhere (tests, the Jenkins plugin's credentials); the caller closes it. */
    public KubernetesTarget(KubernetesTargetConfig config, KubernetesClient client) {
        this(config, client, false, ReadMode.LIST);
    }

    /** Like {@link #KubernetesTarget(KubernetesTargetConfig, KubernetesClient)}, reading live state as {@code reads} says. */
    public KubernetesTarget(KubernetesTargetConfig config, KubernetesClient client, ReadMode reads) {
        this(config, client, false, reads);
    }

    private KubernetesTarget(KubernetesTargetConfig config, KubernetesClient client, boolean ownsClient,
            ReadMode reads) {
        this.config = config;
        this.client = client;
        this.ownsClient = ownsClient;
        this.clock = Clock.systemUTC();
        String url = client.getMasterUrl().toString().replaceAll("/+$", "");
        this.errors = new KubernetesErrors(url);
        this.discovery = new ApiDiscovery(client, errors);
        this.defaultNamespace = config.namespace() != null ? config.namespace()
                : Objects.requireNonNullElse(client.getNamespace(), "default");
        String context = config.context() != null ? config.context()
                : client.getConfiguration().getCurrentContext() != null
                        ? client.getConfiguration().getCurrentContext().getName() : "-";
        this.identity = "k8s:" + url + "#" + context + "/" + config.inventoryNamespace() + "/" + config.inventoryName();
        Fabric8Objects objects = new Fabric8Objects(client);
        this.pool = new RequestPool(url);
        this.reader = new LiveReader(discovery, objects, errors, pool, defaultNamespace, reads,
                LiveReader.PAGE_SIZE);
        this.writer = new ObjectWriter(config, discovery, objects, errors,
                new KindWaits(objects, errors, config.waitTimeout()), defaultNamespace);
        this.previews = new DryRunPreview(discovery, objects, writer, errors, pool, defaultNamespace);
        this.inventory = new InventoryStore(client, errors, config);
        this.managedFields = new ManagedFields(config.fieldManager());
        this.openApi = new OpenApiDocuments(client);
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
        return discovery.find(id.group(), id.kind()).map(kind -> id.withNamespace(kind.namespaceOf(id, defaultNamespace)))
                .orElse(id);
    }

    @Override
    public boolean serves(String group, String kind) {
        return discovery.find(group, kind).isPresent();
    }

    @Override
    public Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        return reader.read(ids);
    }

    @Override
    public Map<ResourceId, LiveObject> readDesired(Collection<Resource> resources) {
        return reader.readDesired(resources);
    }

    @Override
    public Map<ResourceId, Map<String, Object>> preview(Collection<Resource> resources) {
        return previews.preview(resources);
    }

    /** Server-side apply removes the fields our field manager set before and the manifest no longer sets. */
    @Override
    public boolean applyMayChangeMoreThanItSets(LiveObject live, Resource desired) {
        return managedFields.ownsMoreThan(live.body(), desired.body());
    }

    @Override
    public Optional<String> fieldManager() {
        return Optional.of(config.fieldManager());
    }

    /** Read only for group-versions the built-in schema does not cover: custom resources and the like. */
    @Override
    public Optional<Map<String, Object>> openApiDocument(String groupVersion) {
        return openApi.of(groupVersion);
    }

    @Override
    public LiveObject apply(Resource resource) {
        LiveObject applied = writer.apply(resource);
        if (KindWaits.isCrd(resource.id())) {
            openApi.invalidate();
        }
        return applied;
    }

    @Override
    public Optional<String> run(Resource resource) {
        return Optional.of(writer.run(resource));
    }

    @Override
    public void delete(ResourceId id) {
        writer.delete(id);
    }

    @Override
    public Inventory readInventory() {
        return inventory.read();
    }

    @Override
    public void checkInventory(Inventory record) {
        inventory.check(record);
    }

    @Override
    public void writeInventory(Inventory record) {
        inventory.write(record);
    }

    @Override
    public TargetLock lock(String holder, Duration lease) {
        inventory.ensureNamespace();
        return LeaseLock.acquire(client, errors, clock, identity, config.inventoryNamespace(),
                "gitops-" + config.inventoryName(), holder, lease);
    }

    @Override
    public void close() {
        pool.close();
        if (ownsClient) {
            client.close();
        }
    }
}
