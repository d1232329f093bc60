package io.jenkins.plugins.gitops.engine.target.kubernetes;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * fabric8's CRUD mock API server plus what it does not model and this target relies on: discovery documents
 * (the mock answers empty lists; here a table of built-in kinds plus every CRD stored in the mock, as a real
 * server serves them), server-side apply creating a missing object (the mock answers 404), latency per request
 * and injected failures. Public for the benchmarks (gitops-bench), which apply to it with latency.
 */
public final class FakeApiServer implements AutoCloseable {
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
            new Served("batch", "v1", "Job", "jobs", true),
            new Served("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new Served("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new Served("coordination.k8s.io", "v1", "Lease", "leases", true),
            new Served("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
            new Served("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false));

    record Served(String group, String version, String kind, String plural, boolean namespaced) {
    }

    private record Failure(Predicate<RecordedRequest> matches, int code, String statusJson, AtomicInteger remaining) {
    }

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private volatile long latencyMillis;

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

    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** The next {@code times} requests whose method and path (query excluded) match get this code and Status body. */
    void fail(String method, String pathPrefix, int code, Map<String, Object> status, int times) {
        failures.add(new Failure(r -> r.getMethod().equalsIgnoreCase(method) && path(r).startsWith(pathPrefix), code,
                write(status), new AtomicInteger(times)));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private MockResponse handle(RecordedRequest request) {
        MockResponse response = respond(request);
        // A timer on the server's event loop, not a sleep in it: requests in flight wait together, as on a
        // real network, instead of one after the other.
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
            if (path.equals("/api/v1")) {
                return ok(resources("", "v1"));
            }
            if (parts.length == 3 && parts[0].equals("apis")) {
                return ok(resources(parts[1], parts[2]));
            }
        }
        boolean apply = String.valueOf(request.getHeader("Content-Type")).contains("apply-patch");
        if (!apply) {
            return crud.dispatch(request);
        }
        // The mock refuses apply patches (415): model server-side apply as a JSON merge patch of an existing
        // object, or a create of a missing one. The body is read once per dispatch; keep a copy.
        byte[] body = request.getBody().getBytes();
        Headers merge = request.getHeaders().newBuilder().set("Content-Type", "application/merge-patch+json").build();
        MockResponse response = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH,
                request.getPath(), merge, new Buffer(body)));
        if (response.code() != 404) {
            return response;
        }
        String collection = path.substring(0, path.lastIndexOf('/'));
        return crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                merge.newBuilder().set("Content-Type", "application/json").build(), new Buffer(body)));
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
        MockResponse crds = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
        try {
            Map<String, Object> list = JSON.readValue(crds.getBody().readUtf8(), Map.class);
            for (Object item : (List<Object>) list.getOrDefault("items", List.of())) {
                Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) item).get("spec");
                Map<String, Object> names = (Map<String, Object>) spec.get("names");
                for (Object v : (List<Object>) spec.get("versions")) {
                    all.add(new Served((String) spec.get("group"), (String) ((Map<String, Object>) v).get("name"),
                            (String) names.get("kind"), (String) names.get("plural"),
                            "Namespaced".equals(spec.get("scope"))));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static String path(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
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
