package io.jenkins.plugins.gitops.engine.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The child process that renders a chart with the embedded Helm library (helm-java) when the machine has no
 * {@code helm} binary: started by {@link HelmProcess} with its own classpath, so that a template that never ends
 * can be killed with its process, and Go's log lines land in a stream nobody shows.
 *
 * <p>helm-java's template runs Helm's install in "dry-run=none, client only" mode, where {@code lookup} asks a
 * cluster. Here that cluster is a stub inside this process, on the loopback interface, that knows no resource:
 * {@code lookup} returns empty exactly as in {@code helm template}, and no real server is ever asked (the parent
 * points {@code KUBECONFIG} at the file written here and removes in-cluster variables).
 *
 * <p>Arguments: work directory, chart directory, release name, namespace, Kubernetes version, values files. The
 * manifest goes to {@code manifest.yaml} in the work directory (not stdout, which Go code shares); Helm's error
 * to {@code error.txt} (exit 2); a platform with no native part exits 3.
 */
public final class EmbeddedHelm {
    static final int HELM_FAILED = 2;
    static final int NO_NATIVE_PART = 3;
    static final String ERROR_FILE = "error.txt";
    static final String MANIFEST_FILE = "manifest.yaml";
    static final String KUBECONFIG_FILE = "kubeconfig";
    private static final String HOOK = "helm.sh/hook";
    /** A key of the same shape that Helm does not know, so it leaves the object among the chart's manifests. */
    private static final String HIDDEN_HOOK = "gitops.invalid/hook";
    private static final Pattern DISCOVERY = Pattern.compile("/api|/apis|/api/v1|/apis/[^/]+/[^/]+");

    private EmbeddedHelm() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        // Helm-java would fetch a native part for another platform from the network: never here.
        if (NativeLibrary.serviceProviderLibrary(null) == null) {
            System.exit(NO_NATIVE_PART);
        }
        HttpServer stub = emptyCluster(work.resolve(KUBECONFIG_FILE));
        int status = 0;
        try {
            var command = new Helm(withVisibleHooks(Path.of(args[1]), work.resolve("chart"))).template().withName(args[2]).withNamespace(args[3])
                    .withKubeVersion(args[4]);
            for (int i = 5; i < args.length; i++) {
                command.withValuesFile(Path.of(args[i]));
            }
            Files.writeString(work.resolve(MANIFEST_FILE), command.call().replace(HIDDEN_HOOK, HOOK),
                    StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            Files.writeString(work.resolve(ERROR_FILE), String.valueOf(e.getMessage()), StandardCharsets.UTF_8);
            status = HELM_FAILED;
        } finally {
            stub.stop(0);
        }
        System.exit(status);
    }

    /**
     * A copy of the chart whose templates say {@link #HIDDEN_HOOK} where they said {@link #HOOK}. helm-java's
     * template returns only the release's manifest, without its hooks, where {@code helm template} prints both;
     * disguised, Helm renders hooks as manifests, and the output gets the annotation back. Subcharts packed as
     * {@code .tgz} are read as they are: their hooks stay out (docs/design.md).
     */
    private static Path withVisibleHooks(Path chart, Path copy) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(chart)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path target = copy.resolve(chart.relativize(path).toString());
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            } else if (inTemplates(chart.relativize(path)) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = Files.readAllBytes(path);
                String text = new String(bytes, StandardCharsets.UTF_8);
                Files.write(target, text.contains(HOOK) ? text.replace(HOOK, HIDDEN_HOOK)
                        .getBytes(StandardCharsets.UTF_8) : bytes);
            } else {
                Files.copy(path, target, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return copy;
    }

    private static boolean inTemplates(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("templates")) {
                return true;
            }
        }
        return false;
    }

    /** A loopback API server that serves empty discovery and answers 404 to everything else. */
    private static HttpServer emptyCluster(Path kubeconfig) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", EmbeddedHelm::answer);
        server.start();
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: none, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: none, user: {}}]
                contexts: [{name: none, context: {cluster: none, user: none}}]
                current-context: none
                """.formatted(server.getAddress().getPort()), StandardCharsets.UTF_8);
        return server;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int code;
        if (path.equals("/api")) {
            code = 200;
            body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
        } else if (path.equals("/apis")) {
            code = 200;
            body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        } else if (DISCOVERY.matcher(path).matches()) {
            code = 200;
            body = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                    + path.replaceFirst("^/apis?/", "") + "\",\"resources\":[]}";
        } else {
            code = 404;
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                    + "\"code\":404}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }
}
