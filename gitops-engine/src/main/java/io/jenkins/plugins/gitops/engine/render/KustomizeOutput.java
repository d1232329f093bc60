package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Kustomize's output to located documents. Each resource carries a {@code config.kubernetes.io/origin}
 * annotation (asked for by {@link Kustomize}): its file, relative to the kustomization directory, or the
 * kustomization that generated it. The annotation is read, turned into an {@link Origin}, and removed.
 */
final class KustomizeOutput {
    static final String ORIGIN_ANNOTATION = "config.kubernetes.io/origin";

    private final SourceSnapshot snapshot;
    private final String kustomizationFile;
    private final String dir;
    private final RenderOptions options;
    private final Variables variables;
    private final List<Problem> problems;
    private final Map<String, List<YamlDocuments.Composed>> sources = new HashMap<>();

    KustomizeOutput(SourceSnapshot snapshot, String kustomizationFile, RenderOptions options, Variables variables,
            List<Problem> problems) {
        this.snapshot = snapshot;
        this.kustomizationFile = kustomizationFile;
        this.dir = RepoPaths.parent(kustomizationFile);
        this.options = options;
        this.variables = variables;
        this.problems = problems;
    }

    List<LocatedDocument> documents(byte[] output) {
        List<LocatedDocument> documents = new ArrayList<>();
        for (YamlDocuments.Composed document : YamlDocuments.compose(kustomizationFile, output, options, problems)) {
            Node root = document.root();
            Origin origin = Manifests.child(root, "metadata").flatMap(m -> Manifests.child(m, "annotations"))
                    .flatMap(a -> Manifests.scalar(a, ORIGIN_ANNOTATION))
                    .map(annotation -> locate(annotation, Manifests.scalar(root, "kind").orElse(""),
                            Manifests.child(root, "metadata").flatMap(m -> Manifests.scalar(m, "name")).orElse("")))
                    .orElse(new Origin(kustomizationFile, 0));
            NodeConstructor.map(document, root, options, variables, mark -> origin, problems).ifPresent(body -> {
                removeOriginAnnotation(body);
                documents.add(new LocatedDocument(body, origin));
            });
        }
        return documents;
    }

    private Origin locate(String annotation, String kind, String name) {
        List<Problem> ignored = new ArrayList<>();
        Map<String, Object> origin = SafeYaml.load(ORIGIN_ANNOTATION, annotation.getBytes(StandardCharsets.UTF_8),
                options, Variables.OFF, ignored).stream().findFirst().map(LocatedDocument::body).orElse(Map.of());
        Optional<String> file = Documents.string(origin, "path").flatMap(path -> RepoPaths.resolve(dir, path))
                .filter(path -> snapshot.file(path).isPresent());
        if (file.isPresent()) {
            return new Origin(file.get(), lineOf(file.get(), kind, name));
        }
        return Documents.string(origin, "configuredIn").flatMap(path -> RepoPaths.resolve(dir, path))
                .map(path -> new Origin(path, 0)).orElse(new Origin(kustomizationFile, 0));
    }

    /** The line of the resource's document: same kind and name, else the only one of its kind; 0 if unsure. */
    private int lineOf(String file, String kind, String name) {
        List<YamlDocuments.Composed> documents = sources.computeIfAbsent(file, f -> YamlDocuments.compose(f,
                snapshot.file(f).orElseThrow().content(), options, new ArrayList<>()));
        List<YamlDocuments.Composed> sameKind = documents.stream()
                .filter(d -> Manifests.scalar(d.root(), "kind").filter(kind::equals).isPresent()).toList();
        return sameKind.stream()
                .filter(d -> Manifests.child(d.root(), "metadata").flatMap(m -> Manifests.scalar(m, "name"))
                        .filter(name::equals).isPresent())
                .findFirst()
                .or(() -> sameKind.size() == 1 ? Optional.of(sameKind.get(0)) : Optional.empty())
                .map(YamlDocuments.Composed::line)
                .orElse(0);
    }

    private static void removeOriginAnnotation(Map<String, Object> body) {
        Documents.metadata(body).ifPresent(metadata -> Documents.map(metadata, "annotations").ifPresent(annotations -> {
            annotations.remove(ORIGIN_ANNOTATION);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }));
    }
}
