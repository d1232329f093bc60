package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizerTest {
    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    private static Map<String, Object> liveDeployment() {
        return Trees.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  uid: 0b7c
                  resourceVersion: "812"
                  generation: 3
                  creationTimestamp: "2024-01-01T00:00:00Z"
                  managedFields: [{manager: kubectl}]
                  selfLink: /apis/apps/v1/namespaces/shop/deployments/web
                  deletionTimestamp: "2024-01-02T00:00:00Z"
                  deletionGracePeriodSeconds: 30
                  labels: {app: web}
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Deployment"}'
                    deployment.kubernetes.io/revision: "3"
                    team: shop
                spec:
                  replicas: 2
                  template:
                    metadata:
                      labels: {app: web, build: "17"}
                    spec:
                      containers:
                      - name: web
                        image: web:1
                      - name: log
                        image: log:1
                status:
                  readyReplicas: 2
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
            "deletionTimestamp", "deletionGracePeriodSeconds"})
    void removesServerManagedMetadata(String field) {
        Map<String, Object> out = new Normalizer(List.of()).normalize(WEB, liveDeployment());

        assertThat(Documents.metadata(out).orElseThrow()).doesNotContainKey(field).containsKeys("name", "labels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision"})
    void removesServerAnnotationsAndKeepsOthers(String annotation) {
        Map<String, Object> out = new Normalizer(List.of()).normalize(WEB, liveDeployment());

        assertThat(Documents.annotations(out).orElseThrow()).doesNotContainKey(annotation).containsEntry("team", "shop");
    }

    @Test
    void removesStatusAndLeavesTheInputAlone() {
        Map<String, Object> live = liveDeployment();

        Map<String, Object> out = new Normalizer(List.of()).normalize(WEB, live);

        assertThat(out).doesNotContainKey("status").containsKey("spec");
        assertThat(live).containsKey("status");
        assertThat(Documents.metadata(live).orElseThrow()).containsKey("uid").containsKey("managedFields");
        assertThat(Documents.annotations(live).orElseThrow())
                .containsKey("kubectl.kubernetes.io/last-applied-configuration");
        assertThat(Documents.metadata(out).orElseThrow()).doesNotContainKeys("uid", "managedFields");
        assertThat(Documents.annotations(out).orElseThrow())
                .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
    }

    @Test
    void dropsAnnotationAndLabelMapsThatBecomeEmpty() {
        Map<String, Object> live = Trees.yaml("""
                kind: ConfigMap
                metadata:
                  name: c
                  labels: {}
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{}'
                """);

        Map<String, Object> out = new Normalizer(List.of()).normalize(new ResourceId("", "ConfigMap", "", "c"), live);

        assertThat(Documents.metadata(out).orElseThrow()).containsOnlyKeys("name");
    }

    @Test
    void ignoreRuleRemovesEscapedKeysAndListIndexes() {
        Map<String, Object> live = liveDeployment();
        Documents.annotations(live).orElseThrow().put("example.com/x", "1");
        Documents.annotations(live).orElseThrow().put("a~b", "2");
        Normalizer normalizer = new Normalizer(List.of(IgnoreRule.parse(
                "Deployment.apps/shop/web=/metadata/annotations/example.com~1x,/metadata/annotations/a~0b,"
                        + "/spec/template/spec/containers/1,/spec/not/there,/spec/template/spec/containers/7/image")));

        Map<String, Object> out = normalizer.normalize(WEB, live);

        assertThat(Documents.annotations(out).orElseThrow()).containsOnlyKeys("team");
        assertThat(yaml(out)).contains("name: web").doesNotContain("log:1");
    }

    @Test
    void wildcardKindAppliesToEveryKindAndEmptiedLabelsGo() {
        Normalizer normalizer = new Normalizer(List.of(IgnoreRule.parse("*=/metadata/labels/app")));
        Map<String, Object> config = Trees.yaml("{kind: ConfigMap, metadata: {name: c, labels: {app: c}}}");

        assertThat(Documents.metadata(normalizer.normalize(WEB, liveDeployment())).flatMap(m -> Documents.map(m, "labels")))
                .isEmpty();
        assertThat(Documents.metadata(normalizer.normalize(new ResourceId("", "ConfigMap", "", "c"), config))
                .orElseThrow()).containsOnlyKeys("name");
    }

    @Test
    void ruleForAnotherNameOrGroupLeavesTheResourceUntouched() {
        Normalizer normalizer = new Normalizer(List.of(IgnoreRule.parse("Deployment.apps/api=/spec/replicas"),
                IgnoreRule.parse("Deployment.extensions/web=/spec/replicas"),
                IgnoreRule.parse("Deployment/other/web=/spec/replicas")));

        Map<String, Object> out = normalizer.normalize(WEB, liveDeployment());

        assertThat(Documents.map(out, "spec").orElseThrow()).containsEntry("replicas", 2);
    }

    private static String yaml(Map<String, Object> tree) {
        return Canonical.yaml(tree);
    }
}
