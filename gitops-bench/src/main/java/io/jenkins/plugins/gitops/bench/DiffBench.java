package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiffer;
import io.jenkins.plugins.gitops.engine.diff.UnifiedDiff;
import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the diff of one object grows with its size: a CRD-shaped body (an OpenAPI schema of many properties, each
 * with a type and a description) of about 100 KB, 1 MB and 5 MB of canonical YAML, compared by the engine's
 * {@link ResourceDiffer} (normalise, canonical YAML, unified diff) when created, with one line changed, and with
 * every hundredth property's description changed; and the same three by {@link UnifiedDiff} alone, on the lines of
 * the canonical YAML made beforehand. In this JVM, after warm-ups.
 */
final class DiffBench {
    private static final ResourceId ID = new ResourceId("apiextensions.k8s.io", "CustomResourceDefinition", null,
            "widgets.bench.example.com");
    private static final int[] KB = {100, 1_000, 5_000};

    private DiffBench() {
    }

    static List<Row> run(int warmup, int runs) {
        ResourceDiffer differ = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT);
        List<Row> rows = new ArrayList<>();
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (int i = 0; i < KB.length; i++) {
            int kb = KB[i];
            Map<String, Object> before = crd(kb, -1);
            Map<String, Object> oneLine = crd(kb, 1);
            Map<String, Object> percent = crd(kb, 100);
            String size = String.format(Locale.ROOT, "%,d KB, %,d lines", Canonical.yaml(before).length() / 1024,
                    Canonical.yaml(before).lines().count());
            List<String> lines = Canonical.yaml(before).lines().toList();
            List<String> oneLineLines = Canonical.yaml(oneLine).lines().toList();
            List<String> percentLines = Canonical.yaml(percent).lines().toList();
            Map<String, Runnable> cases = new LinkedHashMap<>();
            cases.put("create", () -> Bench.consume(differ.diff(ID, null, before)));
            cases.put("one line changed", () -> Bench.consume(differ.diff(ID, before, oneLine)));
            cases.put("1% of lines changed", () -> Bench.consume(differ.diff(ID, before, percent)));
            cases.put("line diff alone, create", () -> Bench.consume(UnifiedDiff.between("a", "b", List.of(), lines)));
            cases.put("line diff alone, one line changed",
                    () -> Bench.consume(UnifiedDiff.between("a", "b", lines, oneLineLines)));
            cases.put("line diff alone, 1% of lines changed",
                    () -> Bench.consume(UnifiedDiff.between("a", "b", lines, percentLines)));
            for (Map.Entry<String, Runnable> c : cases.entrySet()) {
                Samples s = Samples.measure(warmup, runs, () -> {
                    c.getValue().run();
                    return c;
                }, Bench::consume);
                rows.add(Row.timed("diff of one object of " + size + ": " + c.getKey(), s, "", null));
                medians.computeIfAbsent(c.getKey(), k -> new double[KB.length])[i] = s.median();
            }
        }
        medians.forEach((name, m) -> {
            for (int i = 1; i < KB.length; i++) {
                double linear = (double) KB[i] / KB[i - 1];
                double ratio = m[i] / m[i - 1];
                // No goal: below a millisecond (the line diff of 100 KB) a ratio measures the machine's noise.
                rows.add(Row.figure(String.format(Locale.ROOT, "diff time ratio %,d KB / %,d KB (linear: %.0f), %s",
                        KB[i], KB[i - 1], linear, name), ratio, "x", "", null));
            }
        });
        return rows;
    }

    /**
     * About {@code kb} KB of canonical YAML; {@code every} > 0 changes the description of every {@code every}-th
     * property (1: only the middle one).
     */
    static Map<String, Object> crd(int kb, int every) {
        int count = kb * 1024 / 130;
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int p = 0; p < count; p++) {
            boolean changed = every == 1 ? p == count / 2 : every > 1 && p % every == 0;
            properties.put(String.format(Locale.ROOT, "field%06d", p), Map.of("type", p % 3 == 0 ? "integer" : "string",
                    "description", "Field " + p + " of the widget: how many replicas of the thing it runs"
                            + (changed ? ", changed" : "") + "."));
        }
        return Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", ID.name()),
                "spec", Map.of("group", "bench.example.com", "scope", "Namespaced",
                        "names", Map.of("kind", "Widget", "plural", "widgets"),
                        "versions", List.of(Map.of("name", "v1", "served", true, "storage", true,
                                "schema", Map.of("openAPIV3Schema", Map.of("type", "object",
                                        "properties", properties))))));
    }
}
