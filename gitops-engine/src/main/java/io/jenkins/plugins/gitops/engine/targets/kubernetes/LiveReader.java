package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads live objects, each at its manifest's version where the cluster serves it there (a v1 manifest of a
 * kind whose preferred version is v2 compares with the v1 view, not a conversion), else at the preferred version.
 *
 * <p>Objects are read by one paginated LIST per (kind, namespace, version), as Argo CD and kapp do, not one GET
 * each. A kind whose wanted objects span {@value #WIDE} or more namespaces and whose manifests all carry some
 * labels is first read by one LIST across all namespaces narrowed by those labels (kapp's way): a plan of 10,000
 * objects in 12 kinds then costs a few dozen requests. Names that narrowed answer lacks (new objects, objects whose
 * labels were edited) are asked again in their own namespace, so a selector never makes an object absent; where
 * that would take {@value #FOLLOW_UPS} or more requests for one kind (objects deleted by hand all over), one LIST of
 * the kind across all namespaces without a selector settles them instead. GET
 * remains for a kind and namespace with only {@value #FEW} or fewer objects to read, and where LIST is forbidden
 * (HTTP 403): locked-down clusters often grant get but not list, or list only per namespace.
 */
final class LiveReader {
    private static final Logger LOG = System.getLogger(LiveReader.class.getName());
    /** At most this many objects of one kind and namespace are read by GET: one request each either way. */
    static final int FEW = 2;
    /** From this many namespaces on, a kind is listed across all namespaces (with a selector) rather than in each. */
    static final int WIDE = 3;
    /**
     * From this many follow-up requests for one kind on, its open objects are settled by one LIST across all
     * namespaces without a selector: complete, so no further round, but it returns every object of the kind in
     * the cluster, so it is kept for when it replaces several requests.
     */
    static final int FOLLOW_UPS = 8;
    /** Items per LIST page, as kubectl and client-go's pager ask: bounded answers, few requests. */
    static final long PAGE_SIZE = 500;
    /** Label keys and values a selector can name as they are; anything else is left out of the selector. */
    private static final Pattern SELECTABLE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_./]{0,250}[A-Za-z0-9])?");

    private final ApiDiscovery discovery;
    private final Fabric8Objects objects;
    private final KubernetesErrors errors;
    private final RequestPool pool;
    private final String defaultNamespace;
    private final ReadMode mode;
    private final long pageSize;
    /** Kinds and namespaces where LIST was refused: asked by GET from then on. */
    private final Set<Scope> listForbidden = ConcurrentHashMap.newKeySet();

    LiveReader(ApiDiscovery discovery, Fabric8Objects objects, KubernetesErrors errors, RequestPool pool,
            String defaultNamespace, ReadMode mode, long pageSize) {
        this.discovery = discovery;
        this.objects = objects;
        this.errors = errors;
        this.pool = pool;
        this.defaultNamespace = defaultNamespace;
        this.mode = mode;
        this.pageSize = pageSize;
    }

    /** The objects that exist, at their kind's preferred version. */
    Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        return readAll(ids.stream().map(id -> new Wanted(id, null, Map.of())).toList());
    }

    /** The objects of these manifests that exist, each at its manifest's version. */
    Map<ResourceId, LiveObject> readDesired(Collection<Resource> resources) {
        return readAll(resources.stream().map(r -> new Wanted(r.id(), Fabric8Objects.manifestVersion(r), labels(r)))
                .toList());
    }

    /** One object to read; {@code version} null for the preferred one. */
    private record Wanted(ResourceId id, @Nullable String version, Map<String, String> labels) {
    }

    /** A kind in one namespace, or in all ({@link #ALL}); cluster-scoped kinds have namespace "". */
    private record Scope(ServedKind kind, String namespace) {
        boolean all() {
            return ALL.equals(namespace);
        }
    }

    private static final String ALL = "*";

    /** Objects of one kind and namespace, read at one version. */
    private record Batch(Scope scope, String version) {
    }

    /** What one request found, and the wanted objects it could not settle (to be asked again otherwise). */
    private record Answer(Map<ResourceId, LiveObject> found, List<Wanted> unsettled) {
        static Answer of(Map<ResourceId, LiveObject> found) {
            return new Answer(found, List.of());
        }
    }

    /**
     * Rounds of requests until every object is found or known absent: first LIST narrowed by common labels (or
     * GET); then, for what that left open, LIST without a selector, or GET where LIST was forbidden or few are left.
     */
    private Map<ResourceId, LiveObject> readAll(List<Wanted> wanted) {
        Map<ResourceId, LiveObject> found = new HashMap<>();
        List<Wanted> open = wanted;
        for (int round = 0; !open.isEmpty(); round++) {
            boolean narrow = round == 0;
            List<Callable<Answer>> requests = new ArrayList<>();
            int[] gets = {0};
            batches(open, narrow).forEach((batch, members) -> {
                if (batch.scope().all()) {
                    requests.add(() -> list(batch, members, narrow ? commonLabels(members) : null));
                } else if (byGet(batch, members)) {
                    members.forEach(w -> requests.add(() -> get(batch, w)));
                    gets[0] += members.size();
                } else {
                    requests.add(() -> list(batch, members, null));
                }
            });
            int r = round;
            int objects = open.size();
            LOG.log(Level.DEBUG, () -> "live read round " + r + " (" + mode + "): " + objects + " object(s) by "
                    + (requests.size() - gets[0]) + " LIST and " + gets[0] + " GET request(s)");
            List<Wanted> next = new ArrayList<>();
            for (Answer answer : pool.all(requests)) {
                found.putAll(answer.found());
                next.addAll(answer.unsettled());
            }
            open = next;
        }
        Map<ResourceId, LiveObject> inOrder = new LinkedHashMap<>();
        for (Wanted w : wanted) {
            Optional.ofNullable(found.get(w.id())).ifPresent(live -> inOrder.put(w.id(), live));
        }
        return inOrder;
    }

    private boolean byGet(Batch batch, List<Wanted> members) {
        return mode == ReadMode.GET || members.size() <= FEW || listForbidden.contains(batch.scope());
    }

    /**
     * Grouped by kind, namespace and version, a kind listed across namespaces as one group: narrowed by labels in
     * the first round, and without a selector in a follow-up round where that saves requests. Kinds the cluster
     * does not serve (yet) have no objects and are left out.
     */
    private Map<Batch, List<Wanted>> batches(List<Wanted> wanted, boolean narrow) {
        Map<Batch, List<Wanted>> batches = new LinkedHashMap<>();
        for (Wanted w : wanted) {
            discovery.find(w.id().group(), w.id().kind()).ifPresent(kind -> {
                Scope scope = new Scope(kind, kind.namespaceOf(w.id(), defaultNamespace));
                String version = w.version() == null ? kind.version() : w.version();
                batches.computeIfAbsent(new Batch(scope, version), b -> new ArrayList<>()).add(w);
            });
        }
        return mode == ReadMode.LIST ? widened(batches, narrow) : batches;
    }

    /**
     * The batches of a kind and version in {@value #WIDE} or more namespaces merged into one across namespaces: in
     * the narrowed round when a selector narrows them, in a follow-up round when reading them per namespace would
     * take {@value #FOLLOW_UPS} or more requests.
     */
    private Map<Batch, List<Wanted>> widened(Map<Batch, List<Wanted>> batches, boolean narrow) {
        Map<Batch, List<Wanted>> byKind = new LinkedHashMap<>();
        Map<Batch, Integer> namespaces = new LinkedHashMap<>();
        Map<Batch, Integer> requests = new LinkedHashMap<>();
        batches.forEach((batch, members) -> {
            Batch all = new Batch(new Scope(batch.scope().kind(), ALL), batch.version());
            byKind.computeIfAbsent(all, b -> new ArrayList<>()).addAll(members);
            namespaces.merge(all, 1, Integer::sum);
            requests.merge(all, byGet(batch, members) ? members.size() : 1, Integer::sum);
        });
        // Decided once per kind, not per namespace: the common labels of a kind's thousands of members take a pass.
        Map<Batch, Boolean> wide = new HashMap<>();
        byKind.forEach((all, members) -> wide.put(all, all.scope().kind().namespaced() && namespaces.get(all) >= WIDE
                && !listForbidden.contains(all.scope())
                && (narrow ? commonLabels(members) != null : requests.get(all) >= FOLLOW_UPS)));
        Map<Batch, List<Wanted>> result = new LinkedHashMap<>();
        batches.forEach((batch, members) -> {
            Batch all = new Batch(new Scope(batch.scope().kind(), ALL), batch.version());
            if (wide.get(all)) {
                result.putIfAbsent(all, byKind.get(all));
            } else {
                result.put(batch, members);
            }
        });
        return result;
    }

    /** One object, at the batch's version if served there, else at the preferred version. */
    private Answer get(Batch batch, Wanted w) {
        ServedKind kind = batch.scope().kind();
        String ns = batch.scope().namespace();
        String what = w.id().toString();
        GenericKubernetesResource live = null;
        if (!batch.version().equals(kind.version())) {
            live = errors.call("get", what, ns, () -> objects.get(kind, ns, batch.version(), w.id().name()));
        }
        if (live == null) {
            // Absent, or not served at the manifest's version: the preferred version tells which.
            live = errors.call("get", what, ns, () -> objects.get(kind, ns, kind.version(), w.id().name()));
        }
        return Answer.of(live == null ? Map.of() : Map.of(w.id(), objects.liveObject(w.id(), live)));
    }

    /**
     * Every page of one LIST, keeping only the wanted objects. One missing from a narrowed answer stays open; from
     * an unnarrowed one it is absent. A 403 leaves all open, for GET or a LIST per namespace.
     */
    private Answer list(Batch batch, List<Wanted> members, String selector) {
        Scope scope = batch.scope();
        Map<String, List<Wanted>> byKey = members.stream().collect(Collectors.groupingBy(w -> key(scope, w)));
        Map<String, GenericKubernetesResource> listed;
        try {
            listed = listPages(scope, batch.version(), selector, byKey.keySet());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                LOG.log(Level.DEBUG, () -> "LIST of " + scope.kind().plural() + (scope.all() ? " across namespaces"
                        : " in namespace '" + scope.namespace() + "'") + " forbidden (HTTP 403): read by GET or per"
                        + " namespace instead");
                listForbidden.add(scope);
                return new Answer(Map.of(), members);
            }
            if (e.getCode() != 404 || batch.version().equals(scope.kind().version())) {
                throw errors.translate(e, "list", scope.kind().plural(), scope.all() ? "" : scope.namespace());
            }
            // Not served at the manifest's version: the preferred version, as a GET would fall back to.
            LOG.log(Level.DEBUG, () -> scope.kind().plural() + " not served at " + batch.version() + ": listed at "
                    + scope.kind().version());
            return list(new Batch(scope, scope.kind().version()), members, selector);
        }
        Map<ResourceId, LiveObject> found = new HashMap<>();
        List<Wanted> unsettled = new ArrayList<>();
        byKey.forEach((key, ws) -> {
            GenericKubernetesResource live = listed.get(key);
            if (live != null) {
                ws.forEach(w -> found.put(w.id(), objects.liveObject(w.id(), live)));
            } else if (selector != null) {
                unsettled.addAll(ws);
            }
        });
        return new Answer(found, unsettled);
    }

    /** Name, or namespace/name in a LIST across namespaces. */
    private String key(Scope scope, Wanted w) {
        return scope.all() ? scope.kind().namespaceOf(w.id(), defaultNamespace) + "/" + w.id().name() : w.id().name();
    }

    private Map<String, GenericKubernetesResource> listPages(Scope scope, String version, String selector,
            Set<String> keys) {
        Map<String, GenericKubernetesResource> kept = new HashMap<>();
        String token = null;
        do {
            ListOptions options = new ListOptionsBuilder().withLimit(pageSize).withContinue(token)
                    .withLabelSelector(selector).build();
            GenericKubernetesResourceList page = objects.list(scope.kind(), scope.all() ? null : scope.namespace(),
                    version, options);
            for (GenericKubernetesResource item : page.getItems()) {
                String key = scope.all() ? item.getMetadata().getNamespace() + "/" + item.getMetadata().getName()
                        : item.getMetadata().getName();
                if (keys.contains(key)) {
                    kept.put(key, item);
                }
            }
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        return kept;
    }

    /** {@code k1=v1,k2=v2}: the labels every member's manifest sets to the same value; null when there are none. */
    private static String commonLabels(List<Wanted> members) {
        Map<String, String> common = new TreeMap<>(members.get(0).labels());
        members.forEach(w -> common.entrySet().removeIf(e -> !e.getValue().equals(w.labels().get(e.getKey()))));
        return common.isEmpty() ? null : common.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static Map<String, String> labels(Resource resource) {
        Map<String, String> labels = new HashMap<>();
        Documents.metadata(resource.body()).flatMap(m -> Documents.map(m, "labels")).ifPresent(l -> l.forEach((k, v) -> {
            if (v instanceof String value && SELECTABLE.matcher(k).matches() && SELECTABLE.matcher(value).matches()) {
                labels.put(k, value);
            }
        }));
        return labels;
    }
}
