package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A plain manifest file to its resource documents: every document, with {@code kind: List} (and any
 * {@code *List} with {@code items}) replaced by its items, each located at its own line.
 */
final class Manifests {
    private Manifests() {
    }

    static List<LocatedDocument> read(String file, byte[] content, RenderOptions options, Variables variables,
            List<Problem> problems) {
        return read(file, content, options, variables, mark -> new Origin(file, mark.getLine() + 1), problems);
    }

    /** As {@link #read(String, byte[], RenderOptions, Variables, List)}, located by {@code where} instead. */
    static List<LocatedDocument> read(String file, byte[] content, RenderOptions options, Variables variables,
            Function<Mark, Origin> where, List<Problem> problems) {
        List<LocatedDocument> documents = new ArrayList<>();
        for (YamlDocuments.Composed document : YamlDocuments.compose(file, content, options, problems)) {
            Optional<String> kind = scalar(document.root(), "kind");
            Optional<Node> items = child(document.root(), "items");
            List<Node> resources;
            if (kind.filter(k -> k.endsWith("List")).isPresent() && items.filter(SequenceNode.class::isInstance).isPresent()) {
                resources = ((SequenceNode) items.get()).getValue();
            } else if (kind.filter("List"::equals).isPresent()) {
                problems.add(new Problem(where.apply(document.root().getStartMark()),
                        "kind List needs items: a list of resources"));
                continue;
            } else {
                resources = List.of(document.root());
            }
            for (Node resource : resources) {
                NodeConstructor.map(document, resource, options, variables, where, problems)
                        .ifPresent(body -> documents.add(new LocatedDocument(body, where.apply(resource.getStartMark()))));
            }
        }
        return documents;
    }

    static Optional<Node> child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(tuple.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> scalar(Node node, String key) {
        return child(node, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }
}
