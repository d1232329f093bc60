package io.jenkins.plugins.gitops.engine.target.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.jenkins.plugins.gitops.engine.health.HealthEvaluator;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.target.TargetException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CRDs wait for Established, and health follows status written into the mock's objects as controllers would. */
class KubernetesWaitsTest {
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;
    private final FakeApiServer api = new FakeApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private KubernetesTarget target(Duration wait) {
        return new KubernetesTarget(KubernetesTargetTest.config().withWaitTimeout(wait), api.client());
    }

    @Test
    void crdApplyReturnsOnceEstablishedAndItsKindIsThenServed() {
        KubernetesTarget target = target(Duration.ofSeconds(20));
        CompletableFuture<Void> controller = CompletableFuture.runAsync(this::establishWhenCreated);

        target.apply(Manifests.one(CRD));

        controller.join();
        Resource widget = Manifests.one("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\n"
                + "spec: {size: 3}\n");
        target.apply(widget);
        assertThat(target.read(List.of(widget.id()))).containsKey(widget.id());
    }

    @Test
    void crdThatNeverBecomesEstablishedTimesOut() {
        assertThatThrownBy(() -> target(Duration.ofMillis(400)).apply(Manifests.one(CRD)))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("timed out after 0s waiting for CustomResourceDefinition widgets.example.com to be Established");
    }

    private void establishWhenCreated() {
        var crds = api.client().apiextensions().v1().customResourceDefinitions().withName("widgets.example.com");
        CustomResourceDefinition crd;
        while ((crd = crds.get()) == null) {
            Thread.onSpinWait();
        }
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setConditions(List.of(new CustomResourceDefinitionConditionBuilder().withType("Established")
                .withStatus("True").build()));
        crd.setStatus(status);
        api.client().resource(crd).update();
    }

    @Test
    void deploymentHealthFollowsTheStatusTheControllerWrites() {
        KubernetesTarget target = target(Duration.ofSeconds(5));
        Resource deployment = Manifests.one("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """);
        target.apply(deployment);
        ResourceId id = deployment.id();
        assertThat(HealthEvaluator.evaluate(target.read(List.of(id)).get(id).body()).status())
                .isEqualTo(HealthStatus.IN_PROGRESS);

        var deployments = api.client().apps().deployments().inNamespace("shop").withName("web");
        var live = deployments.get();
        live.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(live.getMetadata().getGeneration()).withReplicas(2).withUpdatedReplicas(2)
                .withAvailableReplicas(2).withReadyReplicas(2).build());
        api.client().resource(live).update();

        assertThat(HealthEvaluator.evaluate(target.read(List.of(id)).get(id).body()).status())
                .isEqualTo(HealthStatus.CURRENT);
    }
}
