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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * fabric8's CRUD mock API server plus what it does not model and this target relies on: discovery documents
 * (the mock answers empty lists; here a table of built-in kinds plus every CRD stored in the mock, as a real
 * server serves them), server-side apply (the mock answers 415) with {@code dryRun=All}, a little defaulting,
 * latency per request and injected failures. Public for the benchmarks (gitops-bench), which apply to it with latency.
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
            new Served("batch", "v1", "CronJob", "cronjobs", true),
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
    /** The body each field manager last applied to each object path: what it owns, for removals. */
    private final Map<String, Map<String, Object>> applied = new ConcurrentHashMap<>();
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

    /**
     * Writes a kubeconfig whose current context ({@code fake}, default namespace {@code default}) reaches this
     * server, for code that opens its own client from a file (the command line, the Pipeline steps).
     */
    public Path writeKubeconfig(Path file) {
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
                """.formatted(client.getMasterUrl());
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Latency as a delayed response body, not a sleep: the mock dispatches on its event loop, so a sleep there
     * would serialize every request, which no real API server does.
     */
    private MockResponse handle(RecordedRequest request) {
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
            if (path.equals("/api/v1")) {
                return ok(resources("", "v1"));
            }
            if (parts.length == 3 && parts[0].equals("apis")) {
                return ok(resources(parts[1], parts[2]));
            }
        }
        boolean apply = String.valueOf(request.getHeader("Content-Type")).contains("apply-patch");
        return apply ? serverSideApply(request, path) : crud.dispatch(request);
    }

    /**
     * Server-side apply for a single field manager: the body merged into the stored object (JSON merge patch
     * semantics: maps merge, lists are replaced), minus the fields this manager applied last time and no longer
     * sets, then defaulted; a missing object is created. With {@code dryRun=All} the result is answered and
     * not stored. Real ownership (other managers, conflicts, list merge keys) is not modelled.
     */
    @SuppressWarnings("unchecked")
    private MockResponse serverSideApply(RecordedRequest request, String path) {
        Map<String, Object> body = read(request.getBody().readUtf8()); // the body can be read once only
        boolean dryRun = request.getPath().matches(".*[?&]dryRun=All(&.*)?");
        String owner = request.getPath().replaceAll(".*[?&]fieldManager=([^&]*).*", "$1") + " " + path;
        MockResponse current = crud.handleGet(path);
        Headers json = request.getHeaders().newBuilder().set("Content-Type", "application/json").build();
        MockResponse response;
        if (current.code() == 404) {
            Map<String, Object> created = defaulted(body);
            if (dryRun) {
                return new MockResponse().setResponseCode(201).setBody(write(created));
            }
            response = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
                    path.substring(0, path.lastIndexOf('/')), json, new Buffer(write(created).getBytes(UTF_8))));
        } else {
            Map<String, Object> live = read(current.getBody().readUtf8());
            Map<String, Object> merged = defaulted((Map<String, Object>) mergePatch(live,
                    withRemovals(body, applied.get(owner))));
            if (dryRun) {
                return ok(merged);
            }
            response = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, json,
                    new Buffer(write(merged).getBytes(UTF_8))));
        }
        if (response.code() < 300) {
            applied.put(owner, body);
        }
        return response;
    }

    /** RFC 7386: maps merge key by key, null removes, anything else replaces. */
    @SuppressWarnings("unchecked")
    private static Object mergePatch(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> changes)) {
            return patch;
        }
        Map<String, Object> result = target instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
        ((Map<String, Object>) changes).forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, mergePatch(result.get(key), value));
            }
        });
        return result;
    }

    /** The body as a merge patch that also removes what {@code before} set and the body no longer does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRemovals(Map<String, Object> body, Map<String, Object> before) {
        Map<String, Object> patch = new LinkedHashMap<>(body);
        if (before != null) {
            before.forEach((key, old) -> {
                if (!body.containsKey(key)) {
                    patch.put(key, null);
                } else if (old instanceof Map<?, ?> oldMap && body.get(key) instanceof Map<?, ?> now) {
                    patch.put(key, withRemovals((Map<String, Object>) now, (Map<String, Object>) oldMap));
                }
            });
        }
        return patch;
    }

    /** Plays the API server's defaulting for two fields: a Deployment's progress deadline, a Service port's protocol. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaulted(Map<String, Object> object) {
        if (object.get("spec") instanceof Map<?, ?> spec) {
            Map<String, Object> s = (Map<String, Object>) spec;
            if ("Deployment".equals(object.get("kind"))) {
                s.putIfAbsent("progressDeadlineSeconds", 600);
            }
            if ("Service".equals(object.get("kind")) && s.get("ports") instanceof List<?> ports) {
                ports.forEach(p -> ((Map<String, Object>) p).putIfAbsent("protocol", "TCP"));
            }
        }
        return object;
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
