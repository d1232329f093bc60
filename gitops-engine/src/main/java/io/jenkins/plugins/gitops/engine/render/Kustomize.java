package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomize directory with {@code kubectl kustomize} or, failing that, {@code kustomize build}
 * found on a search path. It runs on the snapshot's private checkout, after
 * {@link KustomizationReferences} made sure kustomize reads nothing outside the commit, with origin
 * annotations turned on so each resource can be traced back to its file.
 */
public final class Kustomize {
    private static final Logger LOG = System.getLogger(Kustomize.class.getName());
    public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_ERROR_CHARS = 4000;

    private final String searchPath;
    private final Duration timeout;

    /**
     * @param searchPath where to look for the binaries, in the form of the PATH variable
     */
    public Kustomize(String searchPath, Duration timeout) {
        this.searchPath = searchPath == null ? "" : searchPath;
        this.timeout = timeout;
    }

    /** Looks on this process's PATH. */
    public static Kustomize onPath() {
        return new Kustomize(System.getenv("PATH"), DEFAULT_TIMEOUT);
    }

    /**
     * The resources of the kustomization in {@code dir} (repository-relative), each located at the file it
     * came from, variables substituted in their values. Problems are added to {@code problems}.
     *
     * @throws GitopsException when neither kubectl nor kustomize is found
     */
    List<LocatedDocument> render(SourceSnapshot snapshot, String kustomizationFile, RenderOptions options,
            Variables variables, List<Problem> problems) {
        KustomizationReferences.Result references = KustomizationReferences.check(snapshot, kustomizationFile, options,
                problems);
        if (!references.safe()) {
            return List.of();
        }
        String dir = RepoPaths.parent(kustomizationFile);
        List<String> command = command(dir);
        LOG.log(Level.DEBUG, () -> kustomizationFile + ": rendered by " + String.join(" ", command));
        Path root = snapshot.checkout(references.reads());
        Optional<byte[]> output;
        try {
            output = run(command, root, kustomizationFile, options, references.mayQuoteSecrets(), problems);
        } catch (IOException e) {
            throw new GitopsException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        return output.map(bytes -> new KustomizeOutput(snapshot, kustomizationFile, options, variables, problems)
                .documents(bytes)).orElse(List.of());
    }

    private List<String> command(String dir) {
        String target = dir.isEmpty() ? "." : dir;
        return executable("kubectl").map(kubectl -> List.of(kubectl, "kustomize", target))
                .or(() -> executable("kustomize").map(kustomize -> List.of(kustomize, "build", target)))
                .orElseThrow(() -> new GitopsException("kustomize directory " + target
                        + " needs kubectl or kustomize on PATH; install one"));
    }

    private Optional<String> executable(String name) {
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> run(List<String> command, Path root, String kustomizationFile, RenderOptions options,
            boolean mayQuoteSecrets, List<Problem> problems) throws IOException {
        Path file = root.resolve(kustomizationFile);
        byte[] original = Files.readAllBytes(file);
        Path stdout = Files.createTempFile("gitops-kustomize", ".out");
        Path stderr = Files.createTempFile("gitops-kustomize", ".err");
        try {
            Files.write(file, withOriginAnnotations(kustomizationFile, original, options));
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                problems.add(new Problem(new Origin(kustomizationFile, 0), "kustomize did not finish within "
                        + timeout.toSeconds() + " s; simplify the kustomization or check what it reads"));
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                // Some kustomize errors quote the node or literal they failed on; where that may be a Secret's
                // value, say less.
                String error = mayQuoteSecrets ? "its message is withheld because this kustomization renders"
                        + " Secrets and kustomize may quote their values; run kubectl kustomize "
                        + (RepoPaths.parent(kustomizationFile).isEmpty() ? "." : RepoPaths.parent(kustomizationFile))
                        + " on a trusted machine to see it"
                        : clean(Files.readString(stderr, StandardCharsets.UTF_8), root);
                problems.add(new Problem(new Origin(kustomizationFile, 0), "kustomize failed: " + error));
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(stdout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitopsException("interrupted while kustomize rendered " + kustomizationFile, e);
        } finally {
            Files.write(file, original);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static String nullDevice() {
        return File.separatorChar == '\\' ? "NUL" : "/dev/null";
    }

    /** The same kustomization asking for {@code config.kubernetes.io/origin} annotations on every resource. */
    private static byte[] withOriginAnnotations(String file, byte[] content, RenderOptions options) {
        List<Problem> ignored = new ArrayList<>();
        Map<String, Object> kustomization = SafeYaml.load(file, content, options, Variables.OFF, ignored).stream()
                .findFirst().map(LocatedDocument::body).orElseGet(java.util.LinkedHashMap::new);
        Set<Object> buildMetadata = new LinkedHashSet<>();
        if (kustomization.get("buildMetadata") instanceof List<?> existing) {
            buildMetadata.addAll(existing);
        }
        buildMetadata.add("originAnnotations");
        kustomization.put("buildMetadata", new ArrayList<>(buildMetadata));
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(dumper).dump(kustomization).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Kustomize's message with the private checkout path removed, so paths read as in the repository, and
     * without the node contents some errors append (document content has no place in an error).
     */
    private static String clean(String error, Path root) {
        int contents = error.indexOf("node contents:");
        String text = contents < 0 ? error : error.substring(0, contents) + "(node contents withheld)";
        for (Path prefix : List.of(root.toAbsolutePath(), realPath(root))) {
            text = text.replace(prefix + File.separator, "").replace(prefix.toString(), ".");
        }
        text = text.strip();
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + " ..." : text;
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath();
        }
    }
}
