package io.jenkins.plugins.gitops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The discovery documents of an API server serving given kinds, and nothing else: all {@code kubectl create
 * --dry-run=client} asks a server for (it maps each kind to its resource, then prints without writing). Without a
 * server it only parses the files and fails on the first lookup, in about the same time: the kubectl figure beside
 * a plan must include its printing. Plurals are made up (the kind in lower case plus "s"); kubectl only needs them
 * to be unique.
 */
final class DiscoveryStub implements AutoCloseable {
    /** Kinds a cluster serves without a namespace; every other kind here is namespaced. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "PersistentVolume", "StorageClass", "PriorityClass");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** apiVersion -> kinds. */
    private final Map<String, Set<String>> served;
    private final HttpServer server;

    private DiscoveryStub(Map<String, Set<String>> served) throws IOException {
        this.served = served;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Serves {@code kinds}: apiVersion -> kinds of that version. */
    static DiscoveryStub serving(Map<String, Set<String>> kinds) {
        try {
            return new DiscoveryStub(new TreeMap<>(kinds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeKubeconfig(Path file) {
        return FakeApiServer.writeKubeconfig(file, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Object body = null;
        if (path.equals("/api")) {
            body = Map.of("kind", "APIVersions", "versions", List.of("v1"));
        } else if (path.equals("/apis")) {
            body = Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups());
        } else if (path.equals("/api/v1")) {
            body = resources("v1");
        } else if (path.startsWith("/apis/") && path.split("/").length == 4) {
            body = resources(path.substring("/apis/".length()));
        }
        byte[] bytes = body == null ? "{}".getBytes() : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private List<Map<String, Object>> groups() {
        Map<String, List<String>> versions = new TreeMap<>();
        served.keySet().stream().filter(v -> v.contains("/")).forEach(v -> versions
                .computeIfAbsent(v.substring(0, v.indexOf('/')), g -> new ArrayList<>()).add(v));
        List<Map<String, Object>> groups = new ArrayList<>();
        versions.forEach((group, gvs) -> {
            List<Map<String, String>> list = gvs.stream()
                    .map(gv -> Map.of("groupVersion", gv, "version", gv.substring(gv.indexOf('/') + 1))).toList();
            groups.add(Map.of("name", group, "versions", list, "preferredVersion", list.get(0)));
        });
        return groups;
    }

    private Map<String, Object> resources(String groupVersion) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String kind : served.getOrDefault(groupVersion, Set.of())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", kind.toLowerCase(Locale.ROOT) + "s");
            r.put("singularName", kind.toLowerCase(Locale.ROOT));
            r.put("namespaced", !CLUSTER_SCOPED.contains(kind));
            r.put("kind", kind);
            r.put("verbs", List.of("create", "delete", "get", "list", "patch", "update", "watch"));
            list.add(r);
        }
        return Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources", list);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
