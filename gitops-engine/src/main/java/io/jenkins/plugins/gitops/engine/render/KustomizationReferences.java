package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks, before kustomize runs, that everything a kustomization reads (transitively) is in the
 * repository at this commit: no path leaving the repository, no remote base, no Helm chart download.
 * Kustomize itself would follow all of them.
 */
final class KustomizationReferences {
    /** Fields whose entries may be a kustomization directory, and the word for one entry. */
    private static final Map<String, String> DIRECTORIES = Map.of("resources", "resource", "bases", "base",
            "components", "component", "generators", "generator", "transformers", "transformer",
            "validators", "validator");
    private static final Map<String, String> FILES = Map.of("crds", "crd", "configurations", "configuration",
            "patchesStrategicMerge", "patch");
    private static final Map<String, String> PATH_ITEMS = Map.of("patches", "patch", "patchesJson6902", "patch",
            "replacements", "replacement");
    private static final Set<String> GENERATORS = Set.of("configMapGenerator", "secretGenerator");
    private static final Set<String> HELM = Set.of("helmCharts", "helmChartInflationGenerator", "helmGlobals");

    private final SourceSnapshot snapshot;
    private final RenderOptions options;
    private final List<Problem> problems;
    private final Deque<String> pending = new ArrayDeque<>();
    private final Set<String> visited = new HashSet<>();
    /** Every repository path kustomize may read: each kustomization's directory and what it references. */
    private final Set<String> reads = new HashSet<>();
    private String file;
    private String dir;
    private boolean mayQuoteSecrets;

    /**
     * What the check found: whether kustomize may run, and whether its error text may quote a Secret's values
     * (some kustomize errors print the node they failed on): true as soon as the kustomizations or any file they
     * name mention a Secret at all, which is cautious on purpose.
     */
    record Result(boolean safe, boolean mayQuoteSecrets, Set<String> reads) {
    }

    private KustomizationReferences(SourceSnapshot snapshot, RenderOptions options, List<Problem> problems) {
        this.snapshot = snapshot;
        this.options = options;
        this.problems = problems;
    }

    /** Adds a problem for every reference that leaves the repository; safe when there was none. */
    static Result check(SourceSnapshot snapshot, String kustomizationFile, RenderOptions options, List<Problem> problems) {
        int before = problems.size();
        KustomizationReferences check = new KustomizationReferences(snapshot, options, problems);
        check.enqueue(kustomizationFile);
        while (!check.pending.isEmpty()) {
            check.checkOne(check.pending.removeFirst());
        }
        return new Result(problems.size() == before, check.mayQuoteSecrets, Set.copyOf(check.reads));
    }

    /** The kustomization file of a directory, if it has one. */
    static Optional<String> kustomizationIn(SourceSnapshot snapshot, String directory) {
        return Kustomize.FILE_NAMES.stream().map(name -> RepoPaths.join(directory, name))
                .filter(path -> snapshot.file(path).isPresent()).findFirst();
    }

    private void enqueue(String kustomizationFile) {
        if (visited.add(kustomizationFile)) {
            reads.add(RepoPaths.parent(kustomizationFile));
            pending.addLast(kustomizationFile);
        }
    }

    private void checkOne(String kustomizationFile) {
        file = kustomizationFile;
        dir = RepoPaths.parent(kustomizationFile);
        byte[] content = snapshot.file(kustomizationFile).orElseThrow().content();
        noteSecrets(file, content, true);
        for (YamlDocuments.Composed document : YamlDocuments.compose(file, content, options, problems)) {
            if (document.root() instanceof MappingNode root) {
                root.getValue().forEach(this::field);
            }
        }
    }

    private void field(NodeTuple tuple) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
            return;
        }
        String key = keyNode.getValue();
        Node value = tuple.getValueNode();
        if (HELM.contains(key)) {
            problem(keyNode, key + " is not supported: kustomize would download the chart at render time and needs"
                    + " a helm binary; put the chart in the repository as a directory with Chart.yaml under --path"
                    + " (gitops renders it, with its values in .gitops.yaml under helm:)");
        } else if (DIRECTORIES.containsKey(key)) {
            items(value).forEach(item -> scalarReference(item, DIRECTORIES.get(key), true));
        } else if (FILES.containsKey(key)) {
            // An inline patch is a multi-line string, not a path.
            items(value).stream().filter(item -> !(item instanceof ScalarNode s && s.getValue().contains("\n")))
                    .forEach(item -> scalarReference(item, FILES.get(key), false));
        } else if (PATH_ITEMS.containsKey(key)) {
            items(value).forEach(item -> Manifests.child(item, "path")
                    .ifPresent(path -> scalarReference(path, PATH_ITEMS.get(key), false)));
        } else if (GENERATORS.contains(key)) {
            for (Node generator : items(value)) {
                Manifests.child(generator, "literals").ifPresent(literals -> items(literals).forEach(this::literal));
                Manifests.child(generator, "files").ifPresent(files -> items(files).forEach(this::generatorFile));
                Manifests.child(generator, "envs").ifPresent(envs -> items(envs).forEach(this::generatorFile));
                Manifests.child(generator, "env").ifPresent(this::generatorFile);
            }
        } else if (key.equals("openapi")) {
            Manifests.child(value, "path").ifPresent(path -> scalarReference(path, "openapi file", false));
        }
    }

    /**
     * A literal must be "key=value". Checked here because kustomize's error for a bad one quotes every literal of
     * the generator, secret values included; this message names the line only.
     */
    private void literal(Node node) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().indexOf('=') <= 0) {
            problem(node, "a generator literal must be KEY=VALUE; this one has no '=' or no key");
        }
    }

    /** A generator file is "path" or "key=path". */
    private void generatorFile(Node node) {
        if (node instanceof ScalarNode scalar) {
            String value = scalar.getValue();
            reference(scalar, "generator file", value.substring(value.indexOf('=') + 1), false, false);
        }
    }

    private void scalarReference(Node node, String what, boolean mayBeKustomization) {
        if (node instanceof ScalarNode scalar) {
            reference(scalar, what, scalar.getValue(), mayBeKustomization, true);
        }
    }

    private void reference(ScalarNode node, String what, String rawReference, boolean mayBeKustomization,
            boolean yaml) {
        String reference = rawReference.strip();
        Optional<String> resolved = RepoPaths.resolve(dir, reference);
        if (isRemote(reference, resolved)) {
            problem(node, "remote " + what + " " + reference + ": remote kustomize resources are not pinned to this"
                    + " commit; vendor them into the repository");
        } else if (resolved.isEmpty()) {
            problem(node, what + " " + reference + " leaves the repository; keep everything kustomize reads inside it");
        } else {
            reads.add(resolved.get());
            snapshot.file(resolved.get()).ifPresent(f -> noteSecrets(f.path(), f.content(), yaml));
            if (mayBeKustomization) {
                kustomizationIn(snapshot, resolved.get()).ifPresent(this::enqueue);
            }
        }
    }

    /**
     * Whether the file mentions a Secret in any spelling (kind Secret, secretGenerator, a patch target naming a
     * Secret). YAML is judged by its parsed scalars, so an escape such as {@code "Secr\x65t"} cannot hide one;
     * YAML that does not parse, which kustomize cannot turn into an object to quote either, and generator files,
     * which are data, are judged by their text.
     */
    private void noteSecrets(String path, byte[] content, boolean yaml) {
        if (mayQuoteSecrets) {
            return;
        }
        if (!yaml) {
            mayQuoteSecrets = mentionsSecret(new String(content, StandardCharsets.UTF_8));
            return;
        }
        List<Problem> ignored = new ArrayList<>();
        List<YamlDocuments.Composed> documents = YamlDocuments.compose(path, content, options, ignored);
        mayQuoteSecrets = ignored.isEmpty() ? documents.stream().anyMatch(d -> mentionsSecret(d.root()))
                : mentionsSecret(new String(content, StandardCharsets.UTF_8));
    }

    private static boolean mentionsSecret(Node root) {
        Deque<Node> pending = new ArrayDeque<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof ScalarNode scalar && mentionsSecret(scalar.getValue())) {
                return true;
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            } else if (node instanceof MappingNode mapping) {
                mapping.getValue().forEach(t -> {
                    pending.push(t.getKeyNode());
                    pending.push(t.getValueNode());
                });
            }
        }
        return false;
    }

    private static boolean mentionsSecret(String text) {
        return text.toLowerCase(Locale.ROOT).contains("secret");
    }

    /** Like kustomize: a URL, a git address, or a host-looking first segment that is not a local path. */
    private boolean isRemote(String reference, Optional<String> resolved) {
        if (reference.contains("://") || reference.startsWith("git@") || reference.startsWith("git::")
                || reference.contains("?ref=") || reference.contains("?version=")) {
            return true;
        }
        int slash = reference.indexOf('/');
        if (slash <= 0 || !reference.substring(0, slash).contains(".") || reference.startsWith("..")) {
            return false;
        }
        return resolved.filter(path -> snapshot.file(path).isPresent() || kustomizationIn(snapshot, path).isPresent())
                .isEmpty();
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    }

    private void problem(Node node, String message) {
        problems.add(new Problem(new Origin(file, node.getStartMark().getLine() + 1), message));
    }
}
