package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Custom resources' list types and keys from a real CRD: kube-prometheus' Prometheus CRD (gitops-bench's corpus,
 * Apache-2.0, see its LICENSE), whose {@code spec.hostAliases} is a map list keyed by {@code ip} (items without a
 * name), {@code spec.secrets} a set and {@code spec.containers} an atomic list. Each case also runs without the
 * schema, where the diff is what it was before (by position), so a schema that is ignored fails the test.
 */
class CustomResourceSchemaTest {
    static final Path PROMETHEUS_CRD =
            Path.of("../gitops-bench/corpus/kube-prometheus/manifests/setup/0prometheusCustomResourceDefinition.yaml");
    private static final ResourceId K8S = new ResourceId("monitoring.coreos.com", "Prometheus", "monitoring", "k8s");
    private static final Schemas FROM_CRD = Schemas.of(List.of(crd()), groupVersion -> {
        throw new AssertionError("the CRD in the desired state needs no server: asked for " + groupVersion);
    });

    static Map<String, Object> crd() {
        try {
            return Trees.yaml(Files.readString(PROMETHEUS_CRD));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ResourceDiff diff(Schemas schemas, Map<String, Object> live, Map<String, Object> desired) {
        return new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS, SecretValues.NONE, "gitops-pipeline", schemas)
                .diff(K8S, live, desired);
    }

    private static Map<String, Object> prometheus(String spec, String managedFields) {
        return Trees.yaml("""
                apiVersion: monitoring.coreos.com/v1
                kind: Prometheus
                metadata:
                  name: k8s
                  namespace: monitoring
                %s
                spec:
                  replicas: 2
                %s""".formatted(managedFields.indent(2), spec.indent(2)));
    }

    private static final String ALIASES = """
            hostAliases:
            - {ip: 10.0.0.1, hostnames: [metrics.internal]}
            - {ip: 10.0.0.2, hostnames: [alerts.internal]}
            """;
    private static final String OURS = """
            managedFields:
            - manager: gitops-pipeline
              operation: Apply
              fieldsV1:
                f:spec:
                  f:replicas: {}
                  f:hostAliases:
                    k:{"ip":"10.0.0.1"}: {.: {}, f:ip: {}, f:hostnames: {}}
                    k:{"ip":"10.0.0.2"}: {.: {}, f:ip: {}, f:hostnames: {}}
            """;

    @Test
    void reorderedItemsOfAMapListAreMatchedByKey() {
        Map<String, Object> live = prometheus("""
                hostAliases:
                - {ip: 10.0.0.2, hostnames: [alerts.internal]}
                - {ip: 10.0.0.1, hostnames: [metrics.internal]}
                """, OURS);
        Map<String, Object> desired = prometheus(ALIASES, "");

        assertThat(diff(FROM_CRD, live, desired).changed()).isFalse();
        assertThat(diff(Schemas.BUILT_IN, live, desired).changed()).isTrue();
    }

    @Test
    void anItemAnotherManagerOwnsIsNoChangeAndAChangedItemIsNamedByKey() {
        Map<String, Object> live = prometheus("""
                hostAliases:
                - {ip: 10.0.0.1, hostnames: [metrics.internal]}
                - {ip: 10.0.0.9, hostnames: [added.by.hand]}
                - {ip: 10.0.0.2, hostnames: [alerts.internal]}
                """, OURS + """
                - manager: kubectl-edit
                  operation: Update
                  fieldsV1:
                    f:spec:
                      f:hostAliases:
                        k:{"ip":"10.0.0.9"}: {.: {}, f:ip: {}, f:hostnames: {}}
                """);

        assertThat(diff(FROM_CRD, live, prometheus(ALIASES, "")).changed()).isFalse();
        assertThat(diff(Schemas.BUILT_IN, live, prometheus(ALIASES, "")).changed()).isTrue();
        // A real change of an item is still one, at the item's key rather than at a position.
        ResourceDiff changed = diff(FROM_CRD, live, prometheus(ALIASES.replace("alerts.internal", "alerting.internal"), ""));
        assertThat(changed.paths()).containsExactly("spec.hostAliases[10.0.0.2].hostnames[0]");
    }

    @Test
    void anItemOurManagerOwnsAndTheManifestDroppedIsARemoval() {
        Map<String, Object> live = prometheus(ALIASES, OURS);
        Map<String, Object> desired = prometheus("""
                hostAliases:
                - {ip: 10.0.0.1, hostnames: [metrics.internal]}
                """, "");

        ResourceDiff diff = diff(FROM_CRD, live, desired);
        assertThat(diff.paths()).containsExactly("spec.hostAliases[10.0.0.2]");
        assertThat(diff.unifiedDiff()).contains("-  - hostnames:", "-    ip: 10.0.0.2");
    }

    @Test
    void aSetIsComparedAsASet() {
        Map<String, Object> live = prometheus("secrets: [tls, etcd-certs]", "");
        Map<String, Object> desired = prometheus("secrets: [etcd-certs, tls]", "");

        assertThat(diff(FROM_CRD, live, desired).changed()).isFalse();
        assertThat(diff(Schemas.BUILT_IN, live, desired).changed()).isTrue();
        assertThat(diff(FROM_CRD, live, prometheus("secrets: [etcd-certs, tls, ca]", "")).changed()).isTrue();
    }

    @Test
    void aCustomResourceKeepsItsEmptyValues() {
        // Stored as JSON, not protobuf: the apply stores the empty list, so it is a change from absent.
        ResourceDiff diff = diff(FROM_CRD, prometheus("", ""), prometheus("enableFeatures: []", ""));
        assertThat(diff.paths()).containsExactly("spec.enableFeatures");
        assertThat(diff(FROM_CRD, prometheus("enableFeatures: []", ""), prometheus("enableFeatures: []", ""))
                .changed()).isFalse();
    }

    @Test
    void theServersDocumentIsAskedOnlyForGroupVersionsTheBuiltInTableDoesNotCover() {
        AtomicInteger asked = new AtomicInteger();
        Map<String, Object> document = Map.of("components", Map.of("schemas", Map.of(
                "com.coreos.monitoring.v1.Prometheus", withKind(crdSchema()))));
        Schemas schemas = Schemas.of(List.of(), groupVersion -> {
            asked.incrementAndGet();
            return groupVersion.equals("monitoring.coreos.com/v1") ? Optional.of(document) : Optional.empty();
        });
        ResourceDiffer differ = new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS, SecretValues.NONE,
                "gitops-pipeline", schemas);
        Map<String, Object> cm = Trees.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}, data: {k: v}}");
        Map<String, Object> liveCm = Trees.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x,"
                + " uid: u}, data: {k: v}}");
        assertThat(differ.diff(new ResourceId("", "ConfigMap", "x", "a"), liveCm, cm).changed()).isFalse();
        assertThat(asked).hasValue(0);

        Map<String, Object> live = prometheus("secrets: [tls, etcd-certs]", "");
        Map<String, Object> desired = prometheus("secrets: [etcd-certs, tls]", "");
        for (int i = 0; i < 3; i++) {
            assertThat(differ.diff(K8S, live, desired).changed()).isFalse();
        }
        assertThat(asked).hasValue(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> crdSchema() {
        Map<String, Object> spec = (Map<String, Object>) crd().get("spec");
        Map<String, Object> version = (Map<String, Object>) ((List<Object>) spec.get("versions")).get(0);
        return (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
    }

    private static Map<String, Object> withKind(Map<String, Object> schema) {
        schema.put("x-kubernetes-group-version-kind", List.of(Map.of("group", "monitoring.coreos.com",
                "version", "v1", "kind", "Prometheus")));
        return schema;
    }
}
