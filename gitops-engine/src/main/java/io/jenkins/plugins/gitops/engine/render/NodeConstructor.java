package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Annotations;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds plain values (LinkedHashMap, ArrayList, String, Integer/Long, Double, Boolean, null) from a node
 * tree, substituting variables in scalar values. It accepts only the standard scalar, map and list tags,
 * refuses duplicate keys and recursive aliases, and bounds how much aliases may expand a document.
 */
final class NodeConstructor {
    /** Values that aliases may repeat beyond the size of the document itself. */
    private static final int ALIAS_EXPANSION_ALLOWANCE = 100_000;
    /**
     * Turns substitution off for one resource whose values legitimately hold {@code ${...}}, such as a shell
     * script in a container command (the same escape hatch Flux offers), without escaping every occurrence.
     */

    /** Tags YAML defines, named in errors; any other tag is written by the user and may be a value. */
    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.BINARY, Tag.SET, Tag.OMAP, Tag.PAIRS, Tag.MAP, Tag.SEQ,
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MERGE, Tag.YAML);

    private final YamlDocuments.Composed document;
    private final RenderOptions options;
    private final Variables variables;
    private final Function<Mark, Origin> where;
    private final List<Problem> problems;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int repeated;
    private boolean failed;

    private NodeConstructor(YamlDocuments.Composed document, RenderOptions options, Variables variables,
            Function<Mark, Origin> where, List<Problem> problems) {
        this.document = document;
        this.options = options;
        this.variables = variables;
        this.where = where;
        this.problems = problems;
    }

    /**
     * The map a document (or a part of it, such as an item of a List) holds, or empty when it has problems,
     * which are added to {@code problems} located by {@code where} from a SnakeYAML mark.
     */
    static Optional<Map<String, Object>> map(YamlDocuments.Composed document, Node node, RenderOptions options,
            Variables variables, Function<Mark, Origin> where, List<Problem> problems) {
        Variables effective = node instanceof MappingNode m && substitutionDisabled(m) ? Variables.OFF : variables;
        NodeConstructor constructor = new NodeConstructor(document, options, effective, where, problems);
        if (!(node instanceof MappingNode mapping)) {
            constructor.problem(node, "a document must be a map of keys to values (apiVersion, kind, metadata, ...),"
                    + " not a list or a single value");
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) constructor.value(mapping, 1);
            return constructor.failed ? Optional.empty() : Optional.of(value);
        } catch (Abort e) {
            return Optional.empty();
        }
    }

    private static boolean substitutionDisabled(MappingNode root) {
        return child(root, "metadata").flatMap(metadata -> child(metadata, "annotations"))
                .flatMap(annotations -> child(annotations, Annotations.SUBSTITUTE))
                .filter(v -> v instanceof ScalarNode s && Annotations.DISABLED.equals(s.getValue())).isPresent();
    }

    private static Optional<Node> child(Node parent, String key) {
        if (parent instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                    return Optional.of(t.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    private Object value(Node node, int depth) {
        if (depth > options.maxNestingDepth()) {
            throw abort(node, "nested deeper than " + options.maxNestingDepth() + " levels; flatten the document");
        }
        if (!seen.add(node) && ++repeated > seen.size() + ALIAS_EXPANSION_ALLOWANCE) {
            throw abort(node, "aliases expand this document too much (an alias bomb?); write the repeated parts out");
        }
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar);
        }
        if (!open.add(node)) {
            throw abort(node, "an alias refers to a list or map that contains it; recursive YAML is not supported");
        }
        try {
            if (node instanceof SequenceNode sequence) {
                return sequence(sequence, depth);
            }
            return mapping((MappingNode) node, depth);
        } finally {
            open.remove(node);
        }
    }

    private Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        boolean implicit = !document.explicitlyTagged(node);
        if (!implicit && !ScalarValues.supports(tag)) {
            return unsupported(node);
        }
        Variables.Result substituted = variables.substitute(text);
        for (String name : substituted.unknown()) {
            problem(node, "variable ${" + name + "} has no value; supply it or write a default as ${" + name
                    + ":=default}");
        }
        substituted.invalid().forEach(message -> problem(node, message));
        if (substituted.changed()) {
            text = substituted.text();
            if (implicit) {
                // A plain scalar is typed by what it says after substitution, as if written so.
                tag = ScalarResolver.INSTANCE.resolve(NodeId.scalar, text, node.isPlain());
            }
        }
        if (!ScalarValues.supports(tag)) {
            // Only '<<' outside a key (YAML's merge tag) resolves implicitly to another tag: keep the text.
            return text;
        }
        try {
            return ScalarValues.of(tag, text);
        } catch (IllegalArgumentException e) {
            return problem(node, "the value is not a valid " + display(tag));
        }
    }

    private List<Object> sequence(SequenceNode node, int depth) {
        if (!Tag.SEQ.equals(node.getTag())) {
            unsupported(node);
        }
        List<Object> list = new ArrayList<>(node.getValue().size());
        for (Node item : node.getValue()) {
            list.add(value(item, depth + 1));
        }
        return list;
    }

    private Map<String, Object> mapping(MappingNode node, int depth) {
        if (!Tag.MAP.equals(node.getTag())) {
            unsupported(node);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<?, ?>> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (Tag.MERGE.equals(keyNode.getTag())) {
                merge(value(tuple.getValueNode(), depth + 1), tuple.getValueNode(), merged);
            } else if (keyNode instanceof ScalarNode key) {
                if (map.containsKey(key.getValue())) {
                    problem(key, "duplicate key '" + key.getValue() + "' (first at line "
                            + firstLine(node, key.getValue()) + "); keep one");
                } else {
                    map.put(key.getValue(), value(tuple.getValueNode(), depth + 1));
                }
            } else {
                problem(keyNode, "a key must be a plain string, not a list or map");
            }
        }
        // Merged keys never override keys written in the map, and earlier merged maps win (YAML merge).
        for (Map<?, ?> source : merged) {
            source.forEach((k, v) -> map.putIfAbsent((String) k, v));
        }
        return map;
    }

    private void merge(Object value, Node valueNode, List<Map<?, ?>> merged) {
        if (value instanceof Map<?, ?> m) {
            merged.add(m);
        } else if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            list.forEach(m -> merged.add((Map<?, ?>) m));
        } else {
            problem(valueNode, "the merge key << needs a map or a list of maps");
        }
    }

    private static int firstLine(MappingNode node, String key) {
        return node.getValue().stream()
                .map(NodeTuple::getKeyNode)
                .filter(k -> k instanceof ScalarNode s && s.getValue().equals(key))
                .findFirst()
                .map(k -> k.getStartMark().getLine() + 1)
                .orElse(0);
    }

    /**
     * A standard tag is named; a custom one is not: an unquoted value that starts with '!' is read as a tag, and
     * that value may be a password.
     */
    private Object unsupported(Node node) {
        String tag = STANDARD_TAGS.contains(node.getTag()) ? "the tag " + display(node.getTag())
                : "a custom tag (a value starting with '!' is read as one; quote it if it is text)";
        return problem(node, tag + " is not supported; manifests hold only maps, lists, strings, numbers, booleans"
                + " and null");
    }

    private Object problem(Node node, String message) {
        failed = true;
        problems.add(new Problem(where.apply(node.getStartMark()), message));
        return null;
    }

    private Abort abort(Node node, String message) {
        problem(node, message);
        return new Abort();
    }

    private static String display(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    /** Stops a document whose construction cannot go on (it would not end, or not in reasonable memory). */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }
}
