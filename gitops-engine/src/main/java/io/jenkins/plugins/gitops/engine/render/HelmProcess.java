package io.jenkins.plugins.gitops.engine.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import io.jenkins.plugins.gitops.engine.GitopsException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code helm template} in a child process, which a time limit, an interrupt (a Jenkins abort) or the end
 * of this JVM (SIGTERM, Ctrl-C) kills: a template can loop for ever, and a call into a native library cannot be
 * stopped. The child is a real {@code helm} binary where the machine has one ({@code GITOPS_HELM}, else
 * {@code helm} on PATH), else the embedded Helm library in a child JVM ({@link EmbeddedHelm}).
 *
 * <p>The child sees none of this process's environment: no kubeconfig, no in-cluster service variables, no
 * proxy, Helm's homes in a private directory. {@code helm template} is client-only, and the embedded Helm's
 * {@code lookup} meets a stub inside its own process, so rendering reads nothing from any cluster.
 */
public final class HelmProcess {
    /** Long enough for the largest public charts on a slow agent (they take seconds), short of a stuck build. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** Set to a helm binary's path, or to {@code embedded} to use the library even where helm is on PATH. */
    public static final String HELM_VARIABLE = "GITOPS_HELM";
    /** The time limit of one chart's rendering, in seconds. */
    public static final String TIMEOUT_VARIABLE = "GITOPS_HELM_TIMEOUT";
    static final String EMBEDDED = "embedded";
    private static final String LIBRARY_VERSION = libraryVersion();
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final long MIB = 1024 * 1024;
    /** Far above what charts render (ingress-nginx: 20 KiB), short of what would exhaust the heap. */
    private static final long MAX_MANIFEST_BYTES = 256 * MIB;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(HelmProcess::kill),
                "gitops-helm-kill"));
    }

    private final Optional<Path> binary;
    private final Duration timeout;
    private final Map<String, String> inherited;

    /** @param binary a helm binary, or empty for the embedded library */
    public HelmProcess(Optional<Path> binary, Duration timeout) {
        this(binary, timeout, System.getenv());
    }

    /** @param inherited the environment this process would pass on, of which the child gets only PATH */
    HelmProcess(Optional<Path> binary, Duration timeout, Map<String, String> inherited) {
        this.binary = binary;
        this.timeout = timeout;
        this.inherited = Map.copyOf(inherited);
    }

    /** As this machine's environment says: {@code GITOPS_HELM}, PATH, {@code GITOPS_HELM_TIMEOUT}. */
    public static HelmProcess fromEnvironment(Map<String, String> env) {
        String chosen = env.getOrDefault(HELM_VARIABLE, "").strip();
        Optional<Path> binary;
        if (chosen.equals(EMBEDDED)) {
            binary = Optional.empty();
        } else if (!chosen.isEmpty()) {
            Path path = Path.of(chosen);
            if (!Files.isExecutable(path)) {
                throw new GitopsException(HELM_VARIABLE + "=" + chosen + " is not an executable file; set it to a"
                        + " helm binary, or to " + EMBEDDED + " for the embedded Helm");
            }
            binary = Optional.of(path);
        } else {
            binary = onPath(env.getOrDefault("PATH", ""));
        }
        Duration timeout = DEFAULT_TIMEOUT;
        String seconds = env.getOrDefault(TIMEOUT_VARIABLE, "").strip();
        if (!seconds.isEmpty()) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds));
            } catch (NumberFormatException e) {
                throw new GitopsException(TIMEOUT_VARIABLE + "=" + seconds + " is not a number of seconds", e);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new GitopsException(TIMEOUT_VARIABLE + " must be a positive number of seconds");
            }
        }
        return new HelmProcess(binary, timeout, env);
    }

    private static Optional<Path> onPath(String searchPath) {
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                Path candidate = Path.of(entry, "helm");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * What renders, for plans and messages: {@code helm v4.1.4 (/usr/bin/helm)}, or
     * {@code embedded helm-java 0.0.21 (child JVM)}.
     */
    public String describe() {
        return binary.map(path -> VERSIONS.computeIfAbsent(path.toString(), p -> "helm " + version(path) + " (" + p
                + ")")).orElse("embedded helm-java " + LIBRARY_VERSION + " (child JVM)");
    }

    /** The bundled library's version, from the Maven metadata its jar carries (its manifest names none). */
    private static String libraryVersion() {
        Properties pom = new Properties();
        try (InputStream in = Helm.class.getResourceAsStream(
                "/META-INF/maven/com.marcnuri.helm-java/helm-java/pom.properties")) {
            if (in != null) {
                pom.load(in);
            }
        } catch (IOException e) {
            // named as unknown below
        }
        return pom.getProperty("version", "(version unknown)");
    }

    /** A template request; paths are absolute, in the snapshot's private checkout. */
    record Request(Path chart, String releaseName, String namespace, String kubeVersion, List<Path> valuesFiles) {
    }

    /** Helm's manifest, or its error message as it wrote it (not yet cleaned), or that it ran out of time. */
    record Result(String manifest, String error, boolean timedOut) {
        boolean ok() {
            return error == null && !timedOut;
        }
    }

    Result template(Request request) {
        Path work = null;
        try {
            work = Files.createTempDirectory("gitops-helm");
            Path stdout = work.resolve("stdout");
            Path stderr = work.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command(request, work)).directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL"
                            : "/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(isolated(inherited, work));
            Process process = builder.start();
            RUNNING.add(process);
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new Result(null, null, true);
                }
            } finally {
                kill(process);
                RUNNING.remove(process);
            }
            return outcome(process.exitValue(), stdout, stderr, work);
        } catch (IOException e) {
            throw new GitopsException("cannot run Helm for " + request.chart().getFileName() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitopsException("interrupted while Helm rendered " + request.chart().getFileName(), e);
        } finally {
            delete(work);
        }
    }

    private List<String> command(Request request, Path work) {
        List<String> command = new ArrayList<>();
        if (binary.isPresent()) {
            command.addAll(List.of(binary.get().toString(), "template", request.releaseName(),
                    request.chart().toString(), "--namespace", request.namespace(), "--kube-version",
                    request.kubeVersion()));
            for (Path file : request.valuesFiles()) {
                command.addAll(List.of("--values", file.toString()));
            }
            return command;
        }
        if (NativeLibrary.serviceProviderLibrary(HelmProcess.class.getClassLoader()) == null) {
            throw new GitopsException("Helm chart " + request.chart().getFileName() + " cannot be rendered on this"
                    + " machine (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): the"
                    + " embedded Helm has no native part for it; install helm on the agent (on PATH, or set "
                    + HELM_VARIABLE + " to its path)");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived JVM: no JIT tiers beyond the first, a small heap (the work is in Go's own heap).
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m", "-Xmx256m",
                "-Djava.io.tmpdir=" + work, "-cp", classpath(), EmbeddedHelm.class.getName(), work.toString(),
                request.chart().toString(), request.releaseName(), request.namespace(), request.kubeVersion()));
        request.valuesFiles().forEach(file -> command.add(file.toString()));
        return command;
    }

    /** The jars the child needs, wherever this JVM loaded them from (a plugin's class loader has no classpath). */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        NativeLibrary platform = NativeLibrary.serviceProviderLibrary(HelmProcess.class.getClassLoader());
        for (Class<?> type : List.of(EmbeddedHelm.class, Helm.class, HelmLib.class, com.sun.jna.Native.class,
                platform.getClass())) {
            entries.add(location(type).orElseThrow(() -> new GitopsException("the embedded Helm cannot start here: "
                    + type.getName() + " was not loaded from a file a child JVM can read; install helm on the"
                    + " agent (on PATH, or set " + HELM_VARIABLE + " to its path)")).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The jar or folder a class was loaded from. Its code source says so where it has a location; classes a Jenkins
     * agent loads over remoting have none (they are defined from bytes), but their class loader still answers for
     * the class file, from the jars the agent cached.
     */
    static Optional<Path> location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) {
                URL url = source.getLocation();
                return url.getProtocol().equals("file") ? Optional.of(Path.of(url.toURI())) : Optional.empty();
            }
            String name = type.getName().replace('.', '/') + ".class";
            URL resource = type.getClassLoader() == null ? null : type.getClassLoader().getResource(name);
            if (resource == null) {
                return Optional.empty();
            }
            if (resource.getProtocol().equals("jar")) {
                String file = resource.getPath();
                int end = file.indexOf("!/");
                URI jar = URI.create(end < 0 ? file : file.substring(0, end));
                return jar.getScheme() != null && jar.getScheme().equals("file") ? Optional.of(Path.of(jar))
                        : Optional.empty();
            }
            if (resource.getProtocol().equals("file") && resource.getPath().endsWith("/" + name)) {
                String folder = resource.toString();
                return Optional.of(Path.of(URI.create(folder.substring(0, folder.length() - name.length()))));
            }
            return Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Only what Helm needs to run, its homes in the private directory; KUBECONFIG the embedded stub's. */
    static Map<String, String> isolated(Map<String, String> inherited, Path work) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", inherited.getOrDefault("PATH", ""));
        env.put("HOME", work.toString());
        env.put("TMPDIR", work.toString());
        env.put("HELM_CACHE_HOME", work.resolve("cache").toString());
        env.put("HELM_CONFIG_HOME", work.resolve("config").toString());
        env.put("HELM_DATA_HOME", work.resolve("data").toString());
        env.put("HELM_PLUGINS", work.resolve("plugins").toString());
        env.put("KUBECONFIG", work.resolve(EmbeddedHelm.KUBECONFIG_FILE).toString());
        return env;
    }

    private Result outcome(int exit, Path stdout, Path stderr, Path work) throws IOException {
        if (exit == 0) {
            Path manifest = binary.isPresent() ? stdout : work.resolve(EmbeddedHelm.MANIFEST_FILE);
            long size = Files.size(manifest);
            if (size > MAX_MANIFEST_BYTES) {
                return new Result(null, "the chart rendered " + size / MIB + " MiB, more than the " + MAX_MANIFEST_BYTES
                        / MIB + " MiB a plan reads; split it, or render it into plain manifests and commit them", false);
            }
            return new Result(Files.readString(manifest, StandardCharsets.UTF_8), null, false);
        }
        if (binary.isEmpty()) {
            Path error = work.resolve(EmbeddedHelm.ERROR_FILE);
            if (exit == EmbeddedHelm.HELM_FAILED && Files.exists(error)) {
                return new Result(null, Files.readString(error, StandardCharsets.UTF_8), false);
            }
            if (exit == EmbeddedHelm.NO_NATIVE_PART) {
                throw new GitopsException("the embedded Helm has no native part for this machine; install helm on"
                        + " the agent (on PATH, or set " + HELM_VARIABLE + " to its path)");
            }
            // Its stderr holds Go's and the JVM's own lines, which may quote the chart: not passed on.
            return new Result(null, "the embedded Helm ended with exit code " + exit, false);
        }
        // helm writes warnings and Go log lines before its one "Error: ..." message: only that is Helm's answer.
        String text = Files.readString(stderr, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("Error: ");
        return new Result(null, at < 0 ? "helm ended with exit code " + exit : text.substring(at + 7), false);
    }

    private static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "version", "--template", "{{.Version}}")
                    .redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "(version unknown)";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }

    /** Killed and gone: the private directory is removed next, and a caller may check nothing is left. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover in the temporary directory holds no secret beyond what the checkout already held.
        }
    }
}
