package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.health.HealthWait;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's health wait on a cluster: a rollout played by writing status into the mock, as a controller would. */
class HealthWaitTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(KubernetesTargetTest.config(), api.client());
    private final Resource web = Manifests.one("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, generation: 1}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """);

    @AfterEach
    void stop() {
        api.close();
    }

    private HealthWait waiter() {
        return new HealthWait(target, Progress.NONE, Duration.ofMillis(50));
    }

    @Test
    void timeoutListsWhatIsStillRollingOut() {
        target.apply(web);
        List<ResourceHealth> pending = waiter().await(List.of(web.id()), Duration.ofMillis(300));
        assertThat(pending).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(web.id());
            assertThat(h.health().status()).isEqualTo(HealthStatus.IN_PROGRESS);
        });
    }

    @Test
    void waitEndsWhenTheRolloutCompletes() {
        target.apply(web);
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            sleep(300);
            var live = api.client().apps().deployments().inNamespace("shop").withName("web").get();
            live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(live.getMetadata().getGeneration())
                    .withReplicas(2).withUpdatedReplicas(2).withAvailableReplicas(2).withReadyReplicas(2).build());
            api.client().resource(live).update();
        });
        long start = System.nanoTime();
        assertThat(waiter().await(List.of(web.id()), Duration.ofSeconds(20))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        controller.join();
    }

    @Test
    void aFailedResourceEndsTheWaitAtOnce() {
        Resource job = Manifests.one("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, namespace: shop}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: busybox}]}}}
                """);
        target.apply(job);
        var live = api.client().batch().v1().jobs().inNamespace("shop").withName("migrate").get();
        live.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason("BackoffLimitExceeded").build()).build());
        api.client().resource(live).update();

        long start = System.nanoTime();
        List<ResourceHealth> result = waiter().await(List.of(job.id()), Duration.ofMinutes(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(result).singleElement().satisfies(h -> {
            assertThat(h.health().status()).isEqualTo(HealthStatus.FAILED);
            assertThat(h.toString()).contains("BackoffLimitExceeded");
        });
    }

    @Test
    void aDirectoryHasNothingToWaitFor(@TempDir Path dir) {
        DirectoryTarget directory = new DirectoryTarget(dir);
        directory.apply(web);
        assertThat(new HealthWait(directory, Progress.NONE, Duration.ofMillis(10)).await(List.of(web.id()),
                Duration.ofSeconds(30))).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
