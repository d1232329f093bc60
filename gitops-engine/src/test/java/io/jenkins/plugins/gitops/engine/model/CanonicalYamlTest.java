package io.jenkins.plugins.gitops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The direct writer against its oracle, SnakeYAML's dumper with the same options ({@link Canonical#snakeYaml}): every
 * real manifest in the repository's fixtures and the kube-prometheus corpus, every style rule on chosen texts in every
 * position a scalar can take, and random texts. A writer that differs in one byte fails here, and the test also fails
 * if the writer handed its work back to SnakeYAML where it should not.
 */
class CanonicalYamlTest {
    private static final Path KUBE_PROMETHEUS = Path.of("../gitops-bench/corpus/kube-prometheus/manifests");

    /** Texts on the edge of each rule: indicators, resolvable types, spaces and breaks, unicode, quotes, escapes. */
    private static final List<String> EDGES = List.of("plain", "two words", "nginx:1.25", "a: b", "a:b", "a :b", "key:",
            "a #b", "a#b", "#a", "- a", "-a", "-", "--", "---", "--- a", "...", "..x", "? a", "?a", ":a", ": a", "[a]",
            "{a}", "a,b", "a[b]", "&a", "*a", "!a", "|a", ">a", "'a", "\"a", "%a", "@a", "`a", "a'b", "a\"b", "a\\b",
            "true", "True", "yes", "no", "on", "off", "y", "n", "null", "Null", "~", "", " ", "  ", " a", "a ", "a  b",
            "0", "1", "-1", "+1", "0644", "0_1", "08", "0x1F", "0o17", "1e3", "1.5", ".5", "5.", "1_000", "1:20",
            "2024-01-02", "2024-01-02T03:04:05Z", ".inf", "-.inf", ".nan", "NaN", "<<", "=", "é", "日本語", "😀 emoji",
            "tab\there", "\t", "cr\r", "a\rb", "\u00a0nbsp", "a\u00a0b", "\ufeffbom", "a\u0085b", "a\u2028b", "a\u2029b",
            "line\n", "line", "two\nlines", "two\nlines\n", "keep\n\n", "\n", "\n\n", "\nleading", " leading\nspace",
            "trailing \nspace", "a\n b", "a\n\nb", "a\n \nb", "last space \n", "x\n  indented\n", "json: {\"a\": [1]}",
            "http://example.com/a?b=c#d", "$(VAR)", "${VAR}", "{{ .Values }}", "%", "a%b", "\\", "'", "\"", "''", "\"\"",
            "sha256:" + "a".repeat(64), "k".repeat(121), "k".repeat(122), "k".repeat(123), "k".repeat(200));

    @Test
    void everyRealManifestIsWrittenAsSnakeYamlWritesIt() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/resources"), KUBE_PROMETHEUS)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                        .forEach(files::add);
            }
        }
        int compared = 0;
        long bytes = 0;
        for (Path file : files) {
            for (Map<String, Object> body : documents(file)) {
                String direct = CanonicalYaml.write(body);
                assertThat(direct).as("written directly: %s", file).isNotNull();
                assertThat(direct).as(file.toString()).isEqualTo(Canonical.snakeYaml(body));
                compared++;
                bytes += direct.length();
            }
        }
        // kube-prometheus alone has 5.6 MB of canonical YAML: the corpus was really read.
        assertThat(compared).isGreaterThan(200);
        assertThat(bytes).isGreaterThan(5_000_000L);
    }

    @Test
    void everyStyleRuleHoldsInEveryPosition() {
        for (String text : EDGES) {
            for (Map<String, Object> body : positions(text)) {
                String direct = CanonicalYaml.write(body);
                if (direct == null) {
                    // Only what SnakeYAML cannot write as a simple key is handed back.
                    assertThat(Canonical.snakeYaml(body)).as("handed back: %s", body).contains("? ");
                } else {
                    assertThat(direct).as("%s", body).isEqualTo(Canonical.snakeYaml(body));
                }
            }
        }
    }

    @Test
    void randomTextsAreWrittenAsSnakeYamlWritesThem() {
        String alphabet = "ab1 :#-?,[]{}&*!|>'\"%@`.~\\\t\r\n\u0085\u2028\u00a0é😀0xyYnN_+=\u0001";
        int[] points = alphabet.codePoints().toArray();
        Random random = new Random(20261205);
        int written = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                text.appendCodePoint(points[random.nextInt(points.length)]);
            }
            for (Map<String, Object> body : positions(text.toString())) {
                String direct = CanonicalYaml.write(body);
                if (direct != null) {
                    assertThat(direct).as("%s", body).isEqualTo(Canonical.snakeYaml(body));
                    written++;
                }
            }
        }
        // Keys with line breaks and texts holding U+0001 (!!binary) go to SnakeYAML; the rest is written directly.
        assertThat(written).isGreaterThan(90_000);
    }

    @Test
    void numbersBooleansNullsAndEmptyCollectionsAreWrittenAsSnakeYamlWritesThem() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ints", List.of(0, -7, Integer.MAX_VALUE, Long.MIN_VALUE, new BigInteger("123456789012345678901234567890")));
        body.put("doubles", List.of(1.5, -0.0, 1e300, 1e-7, 123456789.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
        body.put("flags", List.of(true, false));
        body.put("nothing", java.util.Arrays.asList(null, List.of(), Map.of(), List.of(List.of()), List.of(Map.of())));
        body.put("empty", Map.of());
        body.put("none", List.of());
        body.put("zero", 0);
        Map<Object, Object> numbered = new LinkedHashMap<>();
        numbered.put(10, "ten");
        numbered.put(9, "nine");
        body.put("intKeys", numbered);
        String direct = CanonicalYaml.write(body);
        assertThat(direct).isNotNull().isEqualTo(Canonical.snakeYaml(body));
        assertThat(CanonicalYaml.write(Map.of())).isEqualTo(Canonical.snakeYaml(Map.of()));
    }

    @Test
    void whatOnlySnakeYamlWritesIsHandedBackAndStillCanonical() {
        Map<String, Object> binary = Map.of("data", "bell\u0007");
        Map<Object, Object> sameKeyTwice = new LinkedHashMap<>();
        sameKeyTwice.put(1, "number");
        sameKeyTwice.put("1", "text");
        Map<String, Object> twice = Map.of("m", sameKeyTwice);
        Map<String, Object> otherType = Map.of("set", java.util.Set.of("a"));
        for (Map<String, Object> body : List.of(binary, twice, otherType)) {
            assertThat(CanonicalYaml.write(body)).isNull();
            assertThat(Canonical.yaml(body)).isEqualTo(Canonical.snakeYaml(body));
        }
        assertThat(Canonical.yaml(binary)).contains("!!binary");
    }

    /** {@code text} as a key and as a value at each depth: under a key, in lists, in maps in lists, in lists in lists. */
    private static List<Map<String, Object>> positions(String text) {
        Map<String, Object> asKey = new LinkedHashMap<>();
        asKey.put("kind", "K");
        asKey.put("spec", Map.of(text, "v", "other", 1));
        return List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "data", Map.of("k", text, "z", "after")),
                Map.of("top", text, "zz", "after"),
                Map.of("list", List.of(text, "after"), "nested", Map.of("deeper", Map.of("v", text))),
                Map.of("items", List.of(Map.of("a", text, "b", List.of(text)), List.of(text, List.of(text)))),
                Map.of("last", List.of(Map.of("only", text))),
                asKey);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(Files.readString(file))) {
                if (document instanceof Map<?, ?> map && !map.isEmpty()) {
                    out.add((Map<String, Object>) map);
                }
            }
        } catch (RuntimeException e) {
            // Fixtures of invalid YAML (the tests of error messages) hold nothing to write.
        }
        return out;
    }
}
