package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client diff against pairs of manifests and live objects captured from real clusters by Argo CD's
 * gitops-engine (test resources diff/argo, Apache-2.0, see its NOTICE), and small cases modelled on them: each
 * class of false change is gone, and a real change of the same shape is still reported.
 */
class ServerSideApplyDiffTest {
    private static final ResourceId DEPLOY = new ResourceId("apps", "Deployment", "default", "web");
    private static final ResourceId ROLE = new ResourceId("rbac.authorization.k8s.io", "ClusterRole", "", "grafana-clusterrole");

    private static ResourceDiff diff(String manager, ResourceId id, Map<String, Object> live, Map<String, Object> desired) {
        return new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS, SecretValues.NONE, manager).diff(id, live, desired);
    }

    private static Map<String, Object> file(String name) {
        try (InputStream in = ServerSideApplyDiffTest.class.getResourceAsStream("/diff/argo/" + name)) {
            return Trees.yaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> container(String resources, String extra) {
        return container(resources, "[{name: A}]", extra);
    }

    private static Map<String, Object> container(String resources, String env, String extra) {
        return Trees.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        resources: %s
                        env: %s
                %s""".formatted(resources, env, extra));
    }

    @Test
    void quantitiesAreComparedAsQuantities() {
        Map<String, Object> live = container("{limits: {cpu: 500m, memory: 3Gi}, requests: {cpu: '1', memory: 1G}}",
                "");
        Map<String, Object> same = container("{limits: {cpu: 0.5, memory: 3072Mi}, requests: {cpu: 1, memory: 1000M}}",
                "");
        Map<String, Object> more = container("{limits: {cpu: 0.6, memory: 3072Mi}, requests: {cpu: 1, memory: 1000M}}",
                "");

        assertThat(diff(null, DEPLOY, live, same).changed()).isFalse();
        ResourceDiff changed = diff(null, DEPLOY, live, more);
        assertThat(changed.changed()).isTrue();
        assertThat(changed.paths()).containsExactly("spec.template.spec.containers[web].resources.limits.cpu");
    }

    @Test
    void intOrStringFieldsAreComparedAsTheServerStoresThem() {
        Map<String, Object> live = Trees.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {ports: [{port: 80, protocol: TCP, targetPort: 8080}]}
                """);
        Map<String, Object> text = Trees.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {ports: [{port: 80, targetPort: "8080"}]}
                """);
        ResourceId svc = new ResourceId("", "Service", "default", "web");

        assertThat(diff(null, svc, live, text).paths()).containsExactly("spec.ports[port=80,protocol=TCP].targetPort");
        text.put("spec", Map.of("ports", List.of(Map.of("port", 80, "targetPort", 8080))));
        assertThat(diff(null, svc, live, text).changed()).isFalse();
    }

    @Test
    void emptyValuesTheServerDropsEqualAbsentOnes() {
        Map<String, Object> live = container("{}", "[{name: A}]", "");
        String pullSecrets = "      imagePullSecrets: []\n";

        assertThat(diff(null, DEPLOY, live, container("{}", "[{name: A, value: ''}]", pullSecrets)).changed()).isFalse();
        assertThat(diff(null, DEPLOY, live, container("{}", "[{name: A, value: x}]", pullSecrets)).paths())
                .containsExactly("spec.template.spec.containers[web].env[A].value");
    }

    @Test
    void anEmptyListEqualsTheNullTheServerReturns() {
        // Captured: a Helm chart's ClusterRole with rules: [], read back as rules: null.
        Map<String, Object> live = file("grafana-clusterrole-live.json");
        Map<String, Object> desired = file("grafana-clusterrole-config.json");
        assertThat(diff(null, ROLE, live, desired).changed()).isFalse();

        desired.put("rules", List.of(Map.of("apiGroups", List.of(""), "resources", List.of("pods"),
                "verbs", List.of("get"))));
        assertThat(diff(null, ROLE, live, desired).paths()).containsExactly("rules");
    }

    @Test
    void aPointerFieldKeepsItsEmptyValue() {
        Map<String, Object> live = Trees.yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: default}
                spec: {resources: {requests: {storage: 1Gi}}}
                """);
        Map<String, Object> desired = Trees.yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: default}
                spec: {storageClassName: "", resources: {requests: {storage: 1024Mi}}}
                """);
        ResourceId pvc = new ResourceId("", "PersistentVolumeClaim", "default", "data");

        // storageClassName is a *string: "" means "no class" and is stored; the storage quantity is the same.
        assertThat(diff(null, pvc, live, desired).paths()).containsExactly("spec.storageClassName");
    }

    @Test
    void aNamespaceOnAClusterScopedObjectIsNoDifference() {
        Map<String, Object> live = file("grafana-clusterrole-live.json");
        Map<String, Object> desired = file("grafana-clusterrole-config.json");
        ((Map<String, Object>) desired.get("metadata")).put("namespace", "monitoring");
        assertThat(diff(null, ROLE, live, desired).changed()).isFalse();
        // A real change of the same object is still one, and the namespace is not part of it.
        desired.put("rules", List.of(Map.of("apiGroups", List.of(""), "resources", List.of("secrets"),
                "verbs", List.of("list"))));
        assertThat(diff(null, ROLE, live, desired).paths()).containsExactly("rules");

        // A namespaced object keeps its namespace: another one is another object, and a change if compared.
        Map<String, Object> cm = Trees.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}");
        Map<String, Object> other = Trees.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: y}}");
        assertThat(diff(null, new ResourceId("", "ConfigMap", "x", "a"), cm, other).changed()).isTrue();
    }

    @Test
    void mapListsMatchItemsByTheirKeys() {
        // Captured: a Service whose ports share numbers across protocols; the manifest adds two UDP ports.
        Map<String, Object> live = file("smd-service-live.yaml");
        Map<String, Object> desired = file("smd-service-config-ports.yaml");
        ResourceId svc = new ResourceId("", "Service", "default", "multiple-protocol-port-svc");

        ResourceDiff added = diff("argocd-controller", svc, live, desired);
        assertThat(added.paths()).containsExactly("spec.ports[port=1935,protocol=UDP]", "spec.ports[port=443,protocol=UDP]");

        // The same ports in another order, protocols left to their default: no difference.
        Map<String, Object> spec = (Map<String, Object>) desired.get("spec");
        List<Map<String, Object>> ports = (List<Map<String, Object>>) spec.get("ports");
        spec.put("ports", List.of(ports.get(3), ports.get(0), ports.get(1)));
        assertThat(diff("argocd-controller", svc, live, desired).changed()).isFalse();
    }

    @Test
    void containerPortsAreKeyedByPortAndProtocol() {
        ResourceId id = new ResourceId("apps", "Deployment", "default", "test-container-ports");
        Map<String, Object> live = file("ssd-deploy-composite-key-live.yaml");
        Map<String, Object> desired = file("ssd-deploy-composite-key-config.yaml");

        assertThat(diff("argocd-controller", id, live, desired).paths())
                .containsExactly("spec.template.spec.containers[nginx].ports[containerPort=8080,protocol=TCP]");
    }

    @Test
    void fieldsOurManagerOwnsAndTheManifestDroppedAreRemovals() {
        // Captured: the manifest no longer sets the label delete-me, which the applier's manager owns.
        ResourceId id = new ResourceId("", "Service", "httpbin", "httpbin-svc");
        Map<String, Object> live = file("ssd-svc-label-live.yaml");
        Map<String, Object> desired = file("ssd-svc-no-label-config.yaml");

        ResourceDiff ours = diff("argocd-controller", id, live, desired);
        assertThat(ours.paths()).containsExactly("metadata.labels.delete-me");
        assertThat(ours.unifiedDiff()).contains("-    delete-me: delete-value");
        // Another manager's label: our apply keeps it, so it is no change.
        assertThat(diff("gitops-pipeline", id, live, desired).changed()).isFalse();
    }

    @Test
    void whatOtherManagersAddIsNoChangeButTheManifestsOwnChangesAre() {
        // Captured: a container added with kubectl apply (client-side) beside the applier's; the manifest adds a port.
        ResourceId id = new ResourceId("apps", "Deployment", "default", "manual-apply-test-deployment");
        Map<String, Object> live = file("ssd-deploy-with-manual-apply-live.yaml");
        Map<String, Object> desired = file("ssd-deploy-with-manual-apply-config.yaml");

        assertThat(diff("argocd-controller", id, live, desired).paths())
                .containsExactly("spec.template.spec.containers[main-container].ports[containerPort=40,protocol=TCP]");
    }

    @Test
    void aFieldTheLastAppliedConfigurationSetAndTheManifestDroppedIsAChange() {
        // Captured: applied with kubectl apply (the annotation lists the labels), no managedFields.
        Map<String, Object> live = file("grafana-clusterrole-live.json");
        Map<String, Object> desired = file("grafana-clusterrole-config.json");
        ((Map<String, Object>) ((Map<String, Object>) desired.get("metadata")).get("labels")).remove("chart");
        assertThat(diff(null, ROLE, live, desired).paths()).containsExactly("metadata.labels.chart");

        // A label someone added by hand is not in the annotation: no change.
        desired = file("grafana-clusterrole-config.json");
        ((Map<String, Object>) ((Map<String, Object>) live.get("metadata")).get("labels")).put("team", "obs");
        assertThat(diff(null, ROLE, live, desired).changed()).isFalse();
    }

    @Test
    void ofAMapSeveralManagersOwnOnlyOurPartIsRemoved() {
        Map<String, Object> live = Trees.yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cfg
                  namespace: default
                  labels: {tier: front, team: shop}
                  managedFields:
                  - {manager: gitops-pipeline, operation: Apply, fieldsV1: {"f:metadata": {"f:labels": {"f:tier": {}}}}}
                  - {manager: kubectl-label, operation: Update, fieldsV1: {"f:metadata": {"f:labels": {"f:team": {}}}}}
                data: {a: "1"}
                """);
        Map<String, Object> desired = Trees.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, namespace: default},"
                + " data: {a: '1'}}");
        ResourceId cm = new ResourceId("", "ConfigMap", "default", "cfg");

        ResourceDiff ours = diff("gitops-pipeline", cm, live, desired);
        assertThat(ours.paths()).containsExactly("metadata.labels");
        assertThat(ours.unifiedDiff()).contains("-    tier: front").doesNotContain("team");
        assertThat(diff("someone-else", cm, live, desired).changed()).isFalse();
    }
}
