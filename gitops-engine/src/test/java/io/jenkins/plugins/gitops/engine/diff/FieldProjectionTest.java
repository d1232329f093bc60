package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldProjectionTest {
    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    private static Map<String, Object> desired(String image) {
        return Trees.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - name: web
                        image: %s
                        ports: [{containerPort: 8080}]
                """.formatted(image));
    }

    private static Map<String, Object> live(String image) {
        return Trees.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, uid: 1, generation: 4}
                spec:
                  replicas: 2
                  progressDeadlineSeconds: 600
                  revisionHistoryLimit: 10
                  template:
                    spec:
                      dnsPolicy: ClusterFirst
                      containers:
                      - name: web
                        image: %s
                        imagePullPolicy: IfNotPresent
                        terminationMessagePath: /dev/termination-log
                        ports: [{containerPort: 8080, protocol: TCP}]
                status: {replicas: 2}
                """.formatted(image));
    }

    @Test
    void serverDefaultsAreNotDifferences() {
        assertThat(new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS).diff(WEB, live("web:1"), desired("web:1")))
                .isEqualTo(ResourceDiff.UNCHANGED);
        assertThat(new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT).diff(WEB, live("web:1"), desired("web:1"))
                .unifiedDiff()).contains("-  progressDeadlineSeconds: 600");
    }

    @Test
    void aFieldTheManifestSetsToAnotherValueIsADifference() {
        ResourceDiff diff = new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS).diff(WEB, live("web:1"),
                desired("web:2"));

        assertThat(diff.changed()).isTrue();
        assertThat(diff.unifiedDiff()).contains("-      - image: web:1\n+      - image: web:2\n")
                .doesNotContain("terminationMessagePath", "progressDeadlineSeconds", "protocol");
    }

    @Test
    void namedElementsAreMatchedByNameAndUnmatchedLiveOnesStayWhole() {
        Object live = Trees.yaml("""
                containers:
                - {name: sidecar, image: proxy, terminationMessagePath: /dev/t}
                - {name: web, image: web:1, terminationMessagePath: /dev/t}
                """);
        Object desired = Trees.yaml("containers: [{name: web, image: web:1}]");

        assertThat(FieldProjection.project(live, desired)).isEqualTo(Trees.yaml("""
                containers:
                - {name: sidecar, image: proxy, terminationMessagePath: /dev/t}
                - {name: web, image: web:1}
                """));
    }

    @Test
    void unnamedElementsAreMatchedByPosition() {
        Object live = Trees.yaml("args: [{a: 1, x: 9}, {b: 2, x: 9}, {c: 3}]");
        Object desired = Trees.yaml("args: [{a: 1}, {b: 2}]");

        assertThat(FieldProjection.project(live, desired)).isEqualTo(Trees.yaml("args: [{a: 1}, {b: 2}, {c: 3}]"));
    }

    @Test
    void theInputsAreNotChanged() {
        Map<String, Object> live = live("web:1");
        String before = live.toString();

        FieldProjection.project(live, desired("web:1"));

        assertThat(live).hasToString(before);
    }
}
