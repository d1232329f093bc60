package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ChangedPathsTest {
    private static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    @Test
    void namesListElementsByTheirNameAndFieldsByTheirPath() {
        Map<String, Object> live = yaml("spec: {replicas: 2, template: {spec: {containers: [{name: web, image: 'nginx:1.25'},"
                + " {name: sidecar, image: envoy}]}}}");
        Map<String, Object> desired = yaml("spec: {replicas: 3, template: {spec: {containers: [{name: web, image: 'nginx:1.27'},"
                + " {name: sidecar, image: envoy}]}}}");

        assertThat(ChangedPaths.between(live, desired))
                .containsExactly("spec.replicas", "spec.template.spec.containers[web].image");
    }

    @Test
    void anAddedContainerIsOnePathAndDoesNotRenumberTheOthers() {
        Map<String, Object> live = yaml("containers: [{name: a, image: x}, {name: b, image: y}]");
        Map<String, Object> desired = yaml("containers: [{name: new, image: z}, {name: a, image: x}, {name: b, image: y}]");

        assertThat(ChangedPaths.between(live, desired)).containsExactly("containers[new]");
    }

    @Test
    void unnamedListsUsePositionsAndOddKeysAreQuoted() {
        Map<String, Object> live = yaml("metadata: {annotations: {'gitops.jenkins.io/wave': '1'}}\nargs: [a, b]");
        Map<String, Object> desired = yaml("metadata: {annotations: {'gitops.jenkins.io/wave': '2'}}\nargs: [a, c, d]");

        assertThat(ChangedPaths.between(live, desired)).containsExactly(
                "metadata.annotations[\"gitops.jenkins.io/wave\"]", "args[1]", "args[2]");
    }

    @Test
    void aHugeChangeIsCutWithAnEllipsis() {
        Map<String, Object> live = yaml("data: {" + IntStream.range(0, 500).mapToObj(i -> "k" + i + ": a")
                .collect(Collectors.joining(", ")) + "}");
        Map<String, Object> desired = yaml("data: {" + IntStream.range(0, 500).mapToObj(i -> "k" + i + ": b")
                .collect(Collectors.joining(", ")) + "}");

        assertThat(ChangedPaths.between(live, desired)).hasSize(ChangedPaths.LIMIT).endsWith("…").startsWith("data.k0");
    }

    @Test
    void aDifferRecordsThePathsOfAnUpdateAndMaskedSecretKeysOnly() {
        ResourceDiffer differ = new ResourceDiffer(java.util.List.of(), DiffScope.DESIRED_FIELDS);
        io.jenkins.plugins.gitops.engine.model.ResourceId id =
                new io.jenkins.plugins.gitops.engine.model.ResourceId("", "Secret", "shop", "db");

        ResourceDiff diff = differ.diff(id, yaml("{kind: Secret, data: {password: czNjcjN0, user: YQ==}}"),
                yaml("{kind: Secret, data: {password: b3RoZXI=, user: YQ==}}"));

        assertThat(diff.paths()).containsExactly("data.password");
        assertThat(String.join(",", diff.paths())).doesNotContain("czNjcjN0", "b3RoZXI=");
    }
}
