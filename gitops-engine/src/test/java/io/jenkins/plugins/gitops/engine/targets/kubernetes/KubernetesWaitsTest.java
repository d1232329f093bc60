package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthEvaluator;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CRDs wait for Established, and health follows status written into the mock's objects as controllers would. */
class KubernetesWaitsTest {
    private final FakeApiServer api = new FakeApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private KubernetesTarget target(Duration wait) {
        return new KubernetesTarget(KubernetesTargetTest.config().toBuilder().waitTimeout(wait).build(), api.client());
    }

    @Test
    void crdApplyReturnsOnceEstablishedAndItsKindIsThenServed() {
        KubernetesTarget target = target(Duration.ofSeconds(20));
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> WidgetCrd.establishWhenCreated(api));

        target.apply(Manifests.one(WidgetCrd.MANIFEST));

        controller.join();
        Resource widget = Manifests.one("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\n"
                + "spec: {size: 3}\n");
        target.apply(widget);
        assertThat(target.read(List.of(widget.id()))).containsKey(widget.id());
    }

    @Test
    void crdThatNeverBecomesEstablishedTimesOut() {
        assertThatThrownBy(() -> target(Duration.ofMillis(400)).apply(Manifests.one(WidgetCrd.MANIFEST)))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("timed out after 0s waiting for CustomResourceDefinition widgets.example.com to be Established");
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
