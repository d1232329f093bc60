package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceDifferTest {
    private static final ResourceId CM = new ResourceId("", "ConfigMap", "shop", "cfg");
    private static final ResourceDiffer DIFFER = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT);

    private static Map<String, Object> config(String color) {
        return Trees.yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: shop}
                data: {a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: "7", color: %s, h: "8", i: "9", j: "10"}
                """.formatted(color));
    }

    private static List<String> body(ResourceDiff diff) {
        return diff.unifiedDiff().lines().skip(3).toList();
    }

    @Test
    void createShowsTheWholeObjectAsAdded() {
        ResourceDiff diff = DIFFER.diff(CM, null, config("red"));

        assertThat(diff.changed()).isTrue();
        assertThat(diff.unifiedDiff()).startsWith("--- live/ConfigMap/shop/cfg\n+++ desired/ConfigMap/shop/cfg\n@@ ")
                .contains("+kind: ConfigMap\n", "+  color: red\n");
        assertThat(body(diff)).isNotEmpty().allMatch(line -> line.startsWith("+"));
    }

    @Test
    void deleteShowsTheWholeObjectAsRemoved() {
        ResourceDiff diff = DIFFER.diff(CM, config("red"), null);

        assertThat(diff.changed()).isTrue();
        assertThat(diff.unifiedDiff()).contains("-  color: red\n");
        assertThat(body(diff)).isNotEmpty().allMatch(line -> line.startsWith("-"));
    }

    @Test
    void updateShowsTheChangedLineWithThreeLinesOfContext() {
        ResourceDiff diff = DIFFER.diff(CM, config("red"), config("blue"));

        assertThat(diff.changed()).isTrue();
        assertThat(diff.unifiedDiff()).contains("-  color: red\n+  color: blue\n");
        assertThat(diff.unifiedDiff().lines()).element(2).isEqualTo("@@ -7,7 +7,7 @@");
        assertThat(body(diff)).containsExactly("   a: '1'", "   b: '2'", "   c: '3'", "-  color: red",
                "+  color: blue", "   d: '4'", "   e: '5'", "   f: '6'");
    }

    @Test
    void equalObjectsAreUnchangedEvenWithServerFieldsAndStatus() {
        Map<String, Object> live = config("red");
        live.put("status", Map.of("phase", "x"));
        ((Map<String, Object>) live.get("metadata")).put("resourceVersion", "77");

        assertThat(DIFFER.diff(CM, live, config("red"))).isEqualTo(ResourceDiff.UNCHANGED);
    }

    @Test
    void numbersOfDifferentJavaTypesWithTheSameTextAreUnchanged() {
        Map<String, Object> live = Trees.yaml("{kind: Deployment, metadata: {name: w}, spec: {replicas: 2}}");
        Map<String, Object> desired = Trees.yaml("{kind: Deployment, metadata: {name: w}, spec: {replicas: 2}}");
        ((Map<String, Object>) live.get("spec")).put("replicas", 2L);

        assertThat(DIFFER.diff(new ResourceId("apps", "Deployment", "", "w"), live, desired).changed()).isFalse();
    }

    @Test
    void ignoreRulesHideDifferencesOnlyForTheSelectedResource() {
        ResourceDiffer differ = new ResourceDiffer(List.of(IgnoreRule.parse("ConfigMap/shop/cfg=/data/color")),
                DiffScope.WHOLE_OBJECT);

        assertThat(differ.diff(CM, config("red"), config("blue")).changed()).isFalse();
        assertThat(differ.diff(CM.withNamespace("prod"), config("red"), config("blue")).changed()).isTrue();
    }

    @Test
    void nothingToCompareIsAProgrammingError() {
        assertThatThrownBy(() -> DIFFER.diff(CM, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
