package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * fabric8's CRUD mock API server plus what it does not model and this target relies on: discovery documents
 * (the mock answers empty lists; here a table of built-in kinds plus every CRD stored in the mock, as a real
 * server serves them), the OpenAPI v3 documents of the stored CRDs, server-side apply with several field managers
 * (the mock answers 415; {@link FakeServerSideApply}) with {@code dryRun=All}, ownership of updates, the defaults
 * of the kinds the tests apply, latency per request and injected failures. Public for the benchmarks (gitops-bench), which apply to it with latency.
 */
public final class FakeApiServer implements AutoCloseable {
    /** The context {@link #writeKubeconfig} writes and makes current. */
    public static final String CONTEXT = "fake";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** group, version, kind, plural, namespaced */
    private static final List<Served> BUILT_IN = List.of(
            new Served("", "v1", "ConfigMap", "configmaps", true),
            new Served("", "v1", "Secret", "secrets", true),
            new Served("", "v1", "Service", "services", true),
            new Served("", "v1", "ServiceAccount", "serviceaccounts", true),
            new Served("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
            new Served("", "v1", "Namespace", "namespaces", false),
            new Served("apps", "v1", "Deployment", "deployments", true),
            new Served("apps", "v1", "StatefulSet", "statefulsets", true),
            new Served("apps", "v1", "DaemonSet", "daemonsets", true),
            new Served("apps", "v1", "ReplicaSet", "replicasets", true),
            new Served("batch", "v1", "Job", "jobs", true),
            new Served("batch", "v1", "CronJob", "cronjobs", true),
            new Served("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new Served("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new Served("coordination.k8s.io", "v1", "Lease", "leases", true),
            new Served("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
            new Served("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false));

    record Served(String group, String version, String kind, String plural, boolean namespaced) {
        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    private record Failure(Predicate<RecordedRequest> matches, int code, String statusJson, AtomicInteger remaining) {
    }

    private final KubernetesCrudDispatcher crud = new IndexedCrudDispatcher();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private volatile long latencyMillis;
    private volatile java.util.function.Consumer<Map<String, Object>> webhook = object -> { };
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

    /** One request as it arrived: method, path with query, when, and the latency it was answered after. */
    public record Seen(String method, String path, long arrivedNanos, long latencyMillis) {
        /** A LIST: a GET of a collection (the path's last segment is a plural, not a name). */
        public boolean isList() {
            return method.equals("GET") && path.contains("limit=");
        }
    }

    public FakeApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        }, false);
        server.init();
        client = server.createClient(b -> b.editOrNewConfig().withMaxConcurrentRequests(64)
                .withMaxConcurrentRequestsPerHost(64).withRequestRetryBackoffLimit(0).endConfig());
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * Writes a kubeconfig whose current context ({@value #CONTEXT}, default namespace {@code default}) reaches this
     * server, for code that opens its own client from a file (the command line, the Pipeline steps, kubectl in the
     * benchmarks). The server URL has no trailing slash, as kubeconfigs usually write it.
     */
    public Path writeKubeconfig(Path file) {
        return writeKubeconfig(file, client.getMasterUrl().toString().replaceAll("/+$", ""));
    }

    /** A kubeconfig whose current context ({@value #CONTEXT}) reaches {@code server} with a token user. */
    public static Path writeKubeconfig(Path file, String server) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster:
                    server: %s
                users:
                - name: fake
                  user:
                    token: not-a-real-token
                contexts:
                - name: fake
                  context:
                    cluster: fake
                    user: fake
                    namespace: default
                current-context: fake
                """.formatted(server);
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void latency(long millis) {
        latencyMillis = millis;
    }

    /**
     * A mutating admission webhook: changes every object applied (dry runs included) after defaulting, as a real
     * server calls webhooks after the merge. One at a time; none by default.
     */
    void webhook(java.util.function.Consumer<Map<String, Object>> mutate) {
        webhook = mutate;
    }

    /**
     * Server-side applies one object in this process, as {@code fieldManager} would over HTTP but without the
     * network, and not counted as a request: seeds the thousands of objects of a benchmark in seconds.
     */
    public void seed(Map<String, Object> object, String fieldManager) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Served kind = BUILT_IN.stream().filter(s -> s.group().equals(group) && s.version().equals(version)
                && s.kind().equals(object.get("kind"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a built-in kind: " + apiVersion + " " + object.get("kind")));
        Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
        String path = (group.isEmpty() ? "/api/" : "/apis/" + group + "/") + version
                + (kind.namespaced() ? "/namespaces/" + metadata.get("namespace") : "") + "/" + kind.plural() + "/"
                + metadata.get("name") + "?fieldManager=" + fieldManager;
        Headers headers = Headers.builder().add("Content-Type", "application/apply-patch+yaml").build();
        MockResponse response = serverSideApply(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path, headers,
                new Buffer(write(object).getBytes(UTF_8))), path.substring(0, path.indexOf('?')));
        if (response.code() >= 300) {
            throw new IllegalStateException("seeding " + path + " failed: HTTP " + response.code());
        }
    }

    /** Every request since the server started or since {@link #forgetRequests}, in arrival order. */
    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public void forgetRequests() {
        seen.clear();
    }

    /**
     * The most requests the server was working on at once: a request counts from its arrival until its answer is
     * due (arrival plus latency, at least 1 ms). A client that waits for each answer before the next request
     * scores 1. An estimate: arrivals are recorded when the mock's event loop dispatches them, so when that loop
     * stalls (a loaded machine) queued requests are recorded in a burst and the figure can run a little high.
     */
    public int peakConcurrentRequests() {
        List<long[]> events = new ArrayList<>();
        for (Seen r : seen) {
            events.add(new long[] {r.arrivedNanos(), 1});
            events.add(new long[] {r.arrivedNanos() + Math.max(1, r.latencyMillis()) * 1_000_000, -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] e : events) {
            now += (int) e[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    /** Like {@link #fail} for one exact path (a collection's LIST, not the GETs of its objects). */
    void failExactly(String method, String path, int code, Map<String, Object> status, int times) {
        failures.add(new Failure(r -> r.getMethod().equalsIgnoreCase(method) && path(r).equals(path), code,
                write(status), new AtomicInteger(times)));
    }

    /** The next {@code times} requests whose method and path (query excluded) match get this code and Status body. */
    public void fail(String method, String pathPrefix, int code, Map<String, Object> status, int times) {
        failures.add(new Failure(r -> r.getMethod().equalsIgnoreCase(method) && path(r).startsWith(pathPrefix), code,
                write(status), new AtomicInteger(times)));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /**
     * Latency as a delayed response body, not a sleep: the mock dispatches on its event loop, so a sleep there
     * would serialize every request, which no real API server does.
     */
    private MockResponse handle(RecordedRequest request) {
        seen.add(new Seen(request.getMethod().toUpperCase(java.util.Locale.ROOT), request.getPath(), System.nanoTime(),
                latencyMillis));
        MockResponse response = respond(request);
        return latencyMillis > 0 ? response.setBodyDelay(Duration.ofMillis(latencyMillis)) : response;
    }

    private MockResponse respond(RecordedRequest request) {
        for (Failure f : failures) {
            if (f.matches().test(request) && f.remaining().getAndDecrement() > 0) {
                return new MockResponse().setResponseCode(f.code()).setBody(f.statusJson());
            }
        }
        String path = path(request);
        if (request.method() == HttpMethod.GET) {
            String[] parts = path.substring(1).split("/");
            if (path.equals("/api")) {
                return ok(Map.of("kind", "APIVersions", "versions", List.of("v1")));
            }
            if (path.equals("/apis")) {
                return ok(groups());
            }
            if (path.equals("/openapi/v3")) {
                return ok(openApiIndex());
            }
            if (path.startsWith("/openapi/v3/apis/")) {
                return ok(openApiDocument(path.substring("/openapi/v3/apis/".length())));
            }
            if (path.equals("/api/v1")) {
                return ok(resources("", "v1"));
            }
            if (parts.length == 3 && parts[0].equals("apis")) {
                return ok(resources(parts[1], parts[2]));
            }
        }
        boolean apply = String.valueOf(request.getHeader("Content-Type")).contains("apply-patch");
        if (apply) {
            return serverSideApply(request, path);
        }
        if ((request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH) && !path.endsWith("/status")) {
            return update(request, path);
        }
        MockResponse response = crud.dispatch(request);
        return request.method() == HttpMethod.GET && request.getPath().matches(".*[?&]limit=\\d+.*")
                ? page(request, response) : response;
    }

    /**
     * A page of a LIST, as a real server pages it: at most {@code limit} items from the {@code continue} token on,
     * and a token for the rest. The token is the offset; the mock keeps no snapshot, fine for a test that does not
     * write while it lists.
     */
    @SuppressWarnings("unchecked")
    private MockResponse page(RecordedRequest request, MockResponse response) {
        if (response.code() != 200) {
            return response;
        }
        Map<String, Object> list = read(response.getBody().readUtf8());
        if (!(list.get("items") instanceof List<?> items)) {
            return ok(list);
        }
        int limit = Integer.parseInt(request.getPath().replaceAll(".*[?&]limit=(\\d+).*", "$1"));
        int from = request.getPath().matches(".*[?&]continue=\\d+.*")
                ? Integer.parseInt(request.getPath().replaceAll(".*[?&]continue=(\\d+).*", "$1")) : 0;
        int to = Math.min(items.size(), from + limit);
        Map<String, Object> metadata = new LinkedHashMap<>(list.get("metadata") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of());
        if (to < items.size()) {
            metadata.put("continue", Integer.toString(to));
        } else {
            metadata.remove("continue");
        }
        list.put("metadata", metadata);
        list.put("items", new ArrayList<>(items.subList(from, to)));
        return ok(list);
    }

    /**
     * Server-side apply with several field managers ({@link FakeServerSideApply}): merged by the list types of
     * {@link FakeListTypes}, conflicts answered 409 unless {@code force=true}, then defaulted and admitted; a
     * missing object is created. With {@code dryRun=All} the result is answered and not stored.
     */
    private MockResponse serverSideApply(RecordedRequest request, String path) {
        Map<String, Object> body = read(request.getBody().readUtf8()); // the body can be read once only
        boolean dryRun = request.getPath().matches(".*[?&]dryRun=All(&.*)?");
        boolean force = request.getPath().matches(".*[?&]force=true(&.*)?");
        String manager = request.getPath().replaceAll(".*[?&]fieldManager=([^&]*).*", "$1");
        MockResponse current = crud.handleGet(path);
        Map<String, Object> live = current.code() == 404 ? null : read(current.getBody().readUtf8());
        FakeServerSideApply.Result result = FakeServerSideApply.apply(live, body, manager, force, listTypes(body));
        if (!result.conflicts().isEmpty()) {
            return conflict(result.conflicts());
        }
        Map<String, Object> stored = admitted(defaulted(result.object()));
        if (dryRun) {
            return new MockResponse().setResponseCode(live == null ? 201 : 200).setBody(write(stored));
        }
        Headers json = request.getHeaders().newBuilder().set("Content-Type", "application/json").build();
        return live == null
                ? crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
                        path.substring(0, path.lastIndexOf('/')), json, new Buffer(write(stored).getBytes(UTF_8))))
                : crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, json,
                        new Buffer(write(stored).getBytes(UTF_8))));
    }

    /**
     * A write other than an apply (PUT, or a JSON or merge patch) of an existing object: its manager (the
     * {@code fieldManager} parameter, else the client's user agent up to its first "/", as a real server names
     * it) becomes the owner of the fields it changed. A PUT that sets managedFields itself keeps them.
     */
    private MockResponse update(RecordedRequest request, String path) {
        MockResponse current = crud.handleGet(path);
        if (current.code() != 200) {
            return crud.dispatch(request);
        }
        Map<String, Object> before = read(current.getBody().readUtf8());
        String manager = request.getPath().matches(".*[?&]fieldManager=.*")
                ? request.getPath().replaceAll(".*[?&]fieldManager=([^&]*).*", "$1")
                : String.valueOf(request.getHeader("User-Agent")).replaceAll("/.*", "");
        Headers json = request.getHeaders().newBuilder().set("Content-Type", "application/json").build();
        Map<String, Object> after;
        if (request.method() == HttpMethod.PUT) {
            after = read(request.getBody().readUtf8());
            Object sent = ((Map<?, ?>) after.getOrDefault("metadata", Map.of())).get("managedFields");
            if (sent != null && !sent.equals(((Map<?, ?>) before.get("metadata")).get("managedFields"))) {
                return crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, json,
                        new Buffer(write(after).getBytes(UTF_8))));
            }
        } else {
            MockResponse patched = crud.dispatch(request);
            if (patched.code() >= 300) {
                return patched;
            }
            after = read(patched.getBody().readUtf8());
        }
        Map<String, Object> owned = FakeServerSideApply.update(before, after, manager, listTypes(after));
        return crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, json,
                new Buffer(write(owned).getBytes(UTF_8))));
    }

    private static MockResponse conflict(Map<String, String> conflicts) {
        List<Map<String, Object>> causes = new ArrayList<>();
        conflicts.forEach((field, manager) -> causes.add(Map.of("type", "FieldManagerConflict",
                "message", "conflict with \"" + manager + "\"", "field", field)));
        return new MockResponse().setResponseCode(409).setBody(write(Map.of("kind", "Status", "apiVersion", "v1",
                "status", "Failure", "reason", "Conflict", "code", 409,
                "message", "Apply failed with " + conflicts.size() + " conflict(s)",
                "details", Map.of("causes", causes))));
    }

    /** Built-in kinds by the fake's table; custom resources by their stored CRD's schema. */
    private FakeListTypes listTypes(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        boolean builtIn = BUILT_IN.stream().anyMatch(s -> apiVersion.equals(s.groupVersion()));
        return new FakeListTypes(kind, builtIn ? null : crdSchemas().get(apiVersion + " " + kind));
    }

    private Map<String, Object> admitted(Map<String, Object> object) {
        webhook.accept(object);
        return object;
    }

    /**
     * Plays the API server's defaulting of the kinds the tests apply, with Kubernetes' values (apps/v1 and core/v1
     * {@code defaults.go}): a Deployment's replicas, strategy, revision history and progress deadline; a pod
     * template's restart and DNS policies, scheduler, grace period and security context; a container's termination
     * message path and policy and image pull policy; a Service's type, session affinity, and each port's protocol
     * and target port. Other kinds (StatefulSet, Job, ...) and other fields are not defaulted.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaulted(Map<String, Object> object) {
        if (!(object.get("spec") instanceof Map<?, ?> spec)) {
            return object;
        }
        Map<String, Object> s = (Map<String, Object>) spec;
        if ("Deployment".equals(object.get("kind"))) {
            s.putIfAbsent("replicas", 1);
            s.putIfAbsent("revisionHistoryLimit", 10);
            s.putIfAbsent("progressDeadlineSeconds", 600);
            s.putIfAbsent("strategy", new LinkedHashMap<>(Map.of("type", "RollingUpdate")));
            Map<String, Object> strategy = (Map<String, Object>) s.get("strategy");
            if ("RollingUpdate".equals(strategy.get("type"))) {
                strategy.putIfAbsent("rollingUpdate", new LinkedHashMap<>(Map.of("maxUnavailable", "25%",
                        "maxSurge", "25%")));
            }
            if (s.get("template") instanceof Map<?, ?> template && template.get("spec") instanceof Map<?, ?> pod) {
                defaultPod((Map<String, Object>) pod);
            }
        }
        if ("Service".equals(object.get("kind"))) {
            s.putIfAbsent("type", "ClusterIP");
            s.putIfAbsent("sessionAffinity", "None");
            if (s.get("ports") instanceof List<?> ports) {
                for (Object p : ports) {
                    Map<String, Object> port = (Map<String, Object>) p;
                    port.putIfAbsent("protocol", "TCP");
                    if (port.get("port") != null) {
                        port.putIfAbsent("targetPort", port.get("port"));
                    }
                }
            }
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static void defaultPod(Map<String, Object> pod) {
        pod.putIfAbsent("restartPolicy", "Always");
        pod.putIfAbsent("dnsPolicy", "ClusterFirst");
        pod.putIfAbsent("schedulerName", "default-scheduler");
        pod.putIfAbsent("terminationGracePeriodSeconds", 30);
        pod.putIfAbsent("securityContext", new LinkedHashMap<>());
        for (String list : List.of("initContainers", "containers")) {
            if (pod.get(list) instanceof List<?> containers) {
                for (Object c : containers) {
                    Map<String, Object> container = (Map<String, Object>) c;
                    container.putIfAbsent("terminationMessagePath", "/dev/termination-log");
                    container.putIfAbsent("terminationMessagePolicy", "File");
                    String image = String.valueOf(container.get("image"));
                    boolean latest = !image.substring(image.lastIndexOf('/') + 1).contains(":") || image.endsWith(":latest");
                    container.putIfAbsent("imagePullPolicy", latest && !image.contains("@") ? "Always" : "IfNotPresent");
                }
            }
        }
    }

    private Map<String, Object> groups() {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (Served s : served()) {
            if (!s.group().isEmpty()) {
                List<String> v = versions.computeIfAbsent(s.group(), g -> new ArrayList<>());
                if (!v.contains(s.version())) {
                    v.add(s.version());
                }
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        versions.forEach((group, vs) -> groups.add(Map.of("name", group,
                "versions", vs.stream().map(v -> Map.of("groupVersion", group + "/" + v, "version", v)).toList(),
                "preferredVersion", Map.of("groupVersion", group + "/" + vs.get(0), "version", vs.get(0)))));
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    private Map<String, Object> resources(String group, String version) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        List<Map<String, Object>> list = served().stream()
                .filter(s -> s.group().equals(group) && s.version().equals(version))
                .<Map<String, Object>>map(s -> Map.of("name", s.plural(), "kind", s.kind(), "namespaced", s.namespaced(),
                        "singularName", "", "verbs", List.of("get", "list", "create", "update", "patch", "delete")))
                .toList();
        return Map.of("kind", "APIResourceList", "groupVersion", gv, "resources", list);
    }

    /** Built-in kinds plus those of the CRDs stored in the mock, like a real server after a CRD is established. */
    @SuppressWarnings("unchecked")
    private List<Served> served() {
        List<Served> all = new ArrayList<>(BUILT_IN);
        for (Map<String, Object> spec : crdSpecs()) {
            Map<String, Object> names = (Map<String, Object>) spec.get("names");
            for (Object v : (List<Object>) spec.get("versions")) {
                all.add(new Served((String) spec.get("group"), (String) ((Map<String, Object>) v).get("name"),
                        (String) names.get("kind"), (String) names.get("plural"), "Namespaced".equals(spec.get("scope"))));
            }
        }
        return all;
    }

    /** The specs of the CRDs stored in the mock. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> crdSpecs() {
        MockResponse crds = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
        return ((List<Object>) read(crds.getBody().readUtf8()).getOrDefault("items", List.of())).stream()
                .map(item -> (Map<String, Object>) ((Map<String, Object>) item).get("spec")).toList();
    }

    /** Each stored CRD version's openAPIV3Schema, by "group/version Kind". */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> crdSchemas() {
        Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
        for (Map<String, Object> spec : crdSpecs()) {
            for (Object v : (List<Object>) spec.get("versions")) {
                Map<String, Object> version = (Map<String, Object>) v;
                if (version.get("schema") instanceof Map<?, ?> schema && schema.get("openAPIV3Schema") instanceof Map<?, ?> s) {
                    schemas.put(spec.get("group") + "/" + version.get("name") + " "
                            + ((Map<?, ?>) spec.get("names")).get("kind"), (Map<String, Object>) s);
                }
            }
        }
        return schemas;
    }

    /**
     * {@code /openapi/v3}: the group-versions of the stored CRDs, each with a {@code serverRelativeURL} carrying a
     * hash of its content, as a real server lists them (it lists the built-in group-versions too, which the engine
     * never asks for: the fake leaves them out, so a request for one would fail a test).
     */
    private Map<String, Object> openApiIndex() {
        Map<String, Object> paths = new LinkedHashMap<>();
        crdSchemas().keySet().stream().map(k -> k.substring(0, k.indexOf(' '))).distinct().forEach(gv -> paths.put(
                "apis/" + gv, Map.of("serverRelativeURL", "/openapi/v3/apis/" + gv + "?hash="
                        + Integer.toHexString(write(openApiDocument(gv)).hashCode()))));
        return Map.of("paths", paths);
    }

    /**
     * A group-version's OpenAPI v3 document as the API server builds it from CRDs: each kind's schema under
     * {@code components.schemas}, named by the reversed group, with {@code x-kubernetes-group-version-kind}, and
     * {@code metadata} a reference to ObjectMeta; the {@code x-kubernetes-*} extensions are kept as written.
     */
    private Map<String, Object> openApiDocument(String groupVersion) {
        Map<String, Object> schemas = new LinkedHashMap<>();
        crdSchemas().forEach((key, schema) -> {
            String gv = key.substring(0, key.indexOf(' '));
            if (!gv.equals(groupVersion)) {
                return;
            }
            String kind = key.substring(key.indexOf(' ') + 1);
            String group = gv.substring(0, gv.indexOf('/'));
            List<String> reversed = new ArrayList<>(List.of(group.split("\\.")));
            java.util.Collections.reverse(reversed);
            Map<String, Object> published = FakeServerSideApply.copy(schema);
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) published.computeIfAbsent("properties",
                    k -> new LinkedHashMap<>());
            properties.put("metadata", Map.of("allOf", List.of(Map.of("$ref",
                    "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"))));
            published.put("x-kubernetes-group-version-kind", List.of(Map.of("group", group,
                    "version", gv.substring(gv.indexOf('/') + 1), "kind", kind)));
            schemas.put(String.join(".", reversed) + "." + gv.substring(gv.indexOf('/') + 1) + "." + kind, published);
        });
        schemas.put("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", Map.of("type", "object"));
        return Map.of("openapi", "3.0.0", "info", Map.of("title", "Kubernetes CRD Swagger", "version", "v0.1.0"),
                "components", Map.of("schemas", schemas));
    }

    private static String path(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse ok(Map<String, Object> body) {
        return new MockResponse().setResponseCode(200).setBody(write(body));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
