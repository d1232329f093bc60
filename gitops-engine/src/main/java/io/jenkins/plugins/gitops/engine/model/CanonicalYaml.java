package io.jenkins.plugins.gitops.engine.model;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a manifest's canonical YAML straight from its maps, lists and scalars, byte for byte as SnakeYAML 2.5's
 * dumper writes it with {@link Canonical}'s options (block style, indent 2, sequences not indented under their key,
 * no line splitting, keys sorted). SnakeYAML gets there through a node graph, an event queue and a state machine per
 * scalar, which made writing kube-prometheus' 5.7 MB the largest cost of an apply; this writes each scalar once.
 *
 * <p>The scalar styles follow SnakeYAML's rules (its {@code Emitter.analyzeScalar} and {@code chooseScalarStyle}, and
 * {@code SafeRepresenter}, which asks for a literal block for text with line breaks); {@code CanonicalYamlTest} holds
 * every rule to SnakeYAML's own output. What this does not write (a value of another type, text SnakeYAML would
 * turn into {@code !!binary}, a key that is not a simple key, two keys that read the same) returns null, and
 * {@link Canonical} lets SnakeYAML write the whole document: rare, and still the one canonical form.
 */
final class CanonicalYaml {
    /** SnakeYAML's: a key with its tag ({@code !!str}, 5 characters) must stay under 128 to be written as a simple key. */
    private static final int MAX_SIMPLE_KEY = 128 - "!!str".length();
    private static final int INDENT = 2;
    /** Immutable once built; its lookups only read. */
    private static final Resolver RESOLVER = new Resolver();

    private final StringBuilder out = new StringBuilder(4096);
    /** True right after a line break, where the next line's indentation is written without a break first. */
    private boolean lineStart = true;

    private CanonicalYaml() {
    }

    /** The canonical YAML of {@code body}, or null when only SnakeYAML writes it as it would. */
    static String write(Map<String, ?> body) {
        CanonicalYaml yaml = new CanonicalYaml();
        try {
            if (body.isEmpty()) {
                return "{}\n";
            }
            yaml.mapping(body, 0, true, true);
        } catch (Unsupported e) {
            return null;
        }
        if (!yaml.lineStart) {
            yaml.out.append('\n');
        }
        return yaml.out.toString();
    }

    /** Writes the entries of a non-empty map, the first on the current line when {@code inline}. */
    private void mapping(Map<?, ?> map, int indent, boolean inline, boolean top) {
        String[] keys = sortedKeys(map, top);
        Object[] values = new Object[keys.length];
        // Keys become their text, as SnakeYAML's canonical copy makes them; a map's keys are looked up the same way.
        for (Map.Entry<?, ?> e : map.entrySet()) {
            int at = indexOf(keys, String.valueOf(e.getKey()), top);
            values[at] = e.getValue();
        }
        for (int i = 0; i < keys.length; i++) {
            if (i > 0 || !inline) {
                newLine(indent);
            }
            key(keys[i]);
            out.append(':');
            value(values[i], indent);
        }
    }

    private static String[] sortedKeys(Map<?, ?> map, boolean top) {
        String[] keys = new String[map.size()];
        int n = 0;
        for (Object key : map.keySet()) {
            keys[n++] = String.valueOf(key);
        }
        Arrays.sort(keys);
        for (int i = 1; i < keys.length; i++) {
            if (keys[i].equals(keys[i - 1])) {
                throw new Unsupported();
            }
        }
        if (top) {
            // apiVersion, kind and metadata first, as kubectl prints an object; the rest stays sorted.
            String[] ordered = new String[keys.length];
            int at = 0;
            for (String head : Canonical.HEAD_KEYS) {
                if (Arrays.binarySearch(keys, head) >= 0) {
                    ordered[at++] = head;
                }
            }
            for (String key : keys) {
                if (!Canonical.HEAD_KEYS.contains(key)) {
                    ordered[at++] = key;
                }
            }
            return ordered;
        }
        return keys;
    }

    private static int indexOf(String[] keys, String key, boolean top) {
        if (top) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            throw new Unsupported();
        }
        return Arrays.binarySearch(keys, key);
    }

    /** Writes a list's items, each on its own line at {@code indent} ("- "), the first on the current line when {@code inline}. */
    private void sequence(List<?> list, int indent, boolean inline) {
        boolean first = true;
        for (Object item : list) {
            if (!first || !inline) {
                newLine(indent);
            }
            first = false;
            out.append('-');
            item(item, indent);
        }
    }

    /** A mapping's value, right after its key's colon; {@code indent} is the mapping's. */
    private void value(Object value, int indent) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            mapping(map, indent + INDENT, false, false);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            // Not indented under its key (indicator indent 0), as kubectl writes lists.
            sequence(list, indent, false);
        } else {
            out.append(' ');
            node(value, indent + INDENT);
        }
    }

    /** A sequence item, right after its dash; {@code indent} is the sequence's. */
    private void item(Object value, int indent) {
        out.append(' ');
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            mapping(map, indent + INDENT, true, false);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            sequence(list, indent + INDENT, true);
        } else {
            node(value, indent + INDENT);
        }
    }

    /** An empty collection (written in flow style) or a scalar; a literal block's lines go at {@code blockIndent}. */
    private void node(Object value, int blockIndent) {
        lineStart = false;
        if (value instanceof Map<?, ?>) {
            out.append("{}");
        } else if (value instanceof List<?>) {
            out.append("[]");
        } else if (value instanceof String text) {
            string(text, false, blockIndent);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            typed(value.toString(), Tag.INT);
        } else if (value instanceof Double d) {
            typed(d.isNaN() ? ".NaN" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : d.toString(), Tag.FLOAT);
        } else {
            throw new Unsupported();
        }
    }

    /** A number, written plain when it reads back as its type without a tag (always so for Java's own forms). */
    private void typed(String text, Tag tag) {
        if (!RESOLVER.resolve(NodeId.scalar, text, true).equals(tag) || !ScalarAnalysis.of(text).blockPlain()) {
            throw new Unsupported();
        }
        out.append(text);
    }

    private void key(String key) {
        if (key.isEmpty() || key.length() >= MAX_SIMPLE_KEY) {
            throw new Unsupported();
        }
        lineStart = false;
        string(key, true, 0);
    }

    /** Text in the style SnakeYAML chooses for it, as a simple key or as a value. */
    private void string(String text, boolean key, int blockIndent) {
        ScalarAnalysis analysis = ScalarAnalysis.of(text);
        if (analysis.binary()) {
            throw new Unsupported();
        }
        boolean multiline = analysis.lineBreaks();
        if (key && multiline) {
            throw new Unsupported();
        }
        if (multiline) {
            // Text with line breaks is asked for as a literal block; where one cannot hold it, double quotes.
            if (!key && analysis.block()) {
                literal(text, blockIndent);
            } else {
                Quoting.doubleQuoted(text, out);
            }
            return;
        }
        // Plain only where it reads back as this text: "true", "1" or "" would read as another type.
        if (analysis.blockPlain() && RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR)) {
            out.append(text);
        } else if (analysis.singleQuoted()) {
            Quoting.singleQuoted(text, out);
        } else {
            Quoting.doubleQuoted(text, out);
        }
    }

    /** A literal block ({@code |}), its lines at {@code indent}; ends at the start of a line. */
    private void literal(String text, int indent) {
        out.append('|');
        if (text.charAt(0) == ' ' || isBreak(text.charAt(0))) {
            out.append(INDENT);
        }
        char last = text.charAt(text.length() - 1);
        if (!isBreak(last)) {
            out.append('-');
        } else if (text.length() == 1 || isBreak(text.charAt(text.length() - 2))) {
            out.append('+');
        }
        out.append('\n');
        boolean afterBreak = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                out.append(c);
                afterBreak = true;
            } else {
                if (afterBreak) {
                    spaces(indent);
                    afterBreak = false;
                }
                out.append(c);
            }
        }
        if (!afterBreak) {
            out.append('\n');
        }
        lineStart = true;
    }

    private void newLine(int indent) {
        if (!lineStart) {
            out.append('\n');
        }
        spaces(indent);
        lineStart = false;
    }

    private void spaces(int count) {
        for (int i = 0; i < count; i++) {
            out.append(' ');
        }
    }

    static boolean isBreak(int c) {
        return c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Control flow for the rare value SnakeYAML writes instead; no stack trace, as it is expected. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }
}
