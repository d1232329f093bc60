package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoreRuleTest {
    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    @Test
    void parsesKindGroupAndName() {
        IgnoreRule rule = IgnoreRule.parse("Deployment.apps/web=/spec/replicas");

        assertThat(rule).isEqualTo(new IgnoreRule("apps", "Deployment", null, "web", List.of("/spec/replicas")));
        assertThat(rule.matches(WEB)).isTrue();
        assertThat(rule.matches(new ResourceId("apps", "Deployment", "shop", "api"))).isFalse();
        assertThat(rule.matches(new ResourceId("apps", "StatefulSet", "shop", "web"))).isFalse();
    }

    @Test
    void parsesNamespaceDottedGroupAndSeveralPointers() {
        IgnoreRule rule = IgnoreRule.parse("Ingress.networking.k8s.io/shop/web=/spec/rules,/metadata/labels/x");

        assertThat(rule).isEqualTo(new IgnoreRule("networking.k8s.io", "Ingress", "shop", "web",
                List.of("/spec/rules", "/metadata/labels/x")));
        assertThat(rule.matches(new ResourceId("networking.k8s.io", "Ingress", "shop", "web"))).isTrue();
        assertThat(rule.matches(new ResourceId("networking.k8s.io", "Ingress", "prod", "web"))).isFalse();
    }

    @Test
    void wildcardKindWithoutGroupMatchesEverything() {
        IgnoreRule rule = IgnoreRule.parse("*=/metadata/labels/build");

        assertThat(rule.matches(WEB)).isTrue();
        assertThat(rule.matches(new ResourceId("", "ConfigMap", "", "c"))).isTrue();
    }

    @Test
    void kindWithoutGroupMatchesAnyGroupAndIgnoresCase() {
        IgnoreRule rule = IgnoreRule.parse("deployment/shop/web=/spec/replicas");

        assertThat(rule.matches(WEB)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Deployment", "Deployment/web", "=/spec", "Deployment/web=", "Deployment/web=spec/replicas",
            "Deployment/web=/a~2b", "a/b/c/d=/x", "Deployment//web=/x", ".apps/web=/x", "Deployment./web=/x",
            "Deployment/web=/a,"})
    void badSpecShowsTheExpectedSyntax(String spec) {
        assertThatThrownBy(() -> IgnoreRule.parse(spec))
                .isInstanceOf(GitopsException.class)
                .hasMessageContaining("'" + spec + "'")
                .hasMessageContaining("Expected KIND[.GROUP][/NAMESPACE/NAME | /NAME]=POINTER[,POINTER...]");
    }

    @Test
    void readsTheEnvironmentFileForm() {
        Map<String, Object> config = Trees.yaml("""
                ignoreDifferences:
                - group: apps
                  kind: Deployment
                  name: web
                  jsonPointers: [/spec/replicas]
                - kind: "*"
                  jsonPointers: [/metadata/labels/build]
                """);

        List<IgnoreRule> rules = IgnoreRule.fromConfig(config, "envs/prod/.gitops.yaml");

        assertThat(rules).containsExactly(
                new IgnoreRule("apps", "Deployment", null, "web", List.of("/spec/replicas")),
                new IgnoreRule(null, "*", null, null, List.of("/metadata/labels/build")));
        assertThat(IgnoreRule.fromConfig(Map.of("other", 1), "f")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ignoreDifferences: {kind: Deployment}",
            "ignoreDifferences: [Deployment]",
            "ignoreDifferences: [{jsonPointers: [/spec/replicas]}]",
            "ignoreDifferences: [{kind: Deployment}]",
            "ignoreDifferences: [{kind: Deployment, jsonPointers: []}]",
            "ignoreDifferences: [{kind: Deployment, jsonPointers: [spec/replicas]}]",
            "ignoreDifferences: [{kind: Deployment, name: 7, jsonPointers: [/spec]}]",
            "ignoreDifferences: [{kind: Deployment, jqPathExpressions: [.spec], jsonPointers: [/spec]}]"})
    void badConfigNamesTheFile(String yaml) {
        assertThatThrownBy(() -> IgnoreRule.fromConfig(Trees.yaml(yaml), "envs/prod/.gitops.yaml"))
                .isInstanceOf(GitopsException.class)
                .hasMessageStartingWith("envs/prod/.gitops.yaml: ignoreDifferences");
    }
}
