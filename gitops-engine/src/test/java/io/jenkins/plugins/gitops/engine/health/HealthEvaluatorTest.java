package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class HealthEvaluatorTest {

    private static Health health(String yaml) {
        return HealthEvaluator.evaluate(new Yaml().load(yaml));
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, generation: 2}
            spec: {replicas: 3}
            """;

    @Test
    void deploymentWaitsForTheControllerThenUpdatedThenAvailableReplicas() {
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3}"))
                .isEqualTo(Health.inProgress("the controller has not yet seen generation 2 (observed 1)"));
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, updatedReplicas: 1, availableReplicas: 3}"))
                .isEqualTo(Health.inProgress("1 of 3 replicas updated"));
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, updatedReplicas: 3, availableReplicas: 2}"))
                .isEqualTo(Health.inProgress("2 of 3 replicas available"));
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, updatedReplicas: 3, availableReplicas: 3}").status())
                .isEqualTo(HealthStatus.CURRENT);
    }

    @Test
    void deploymentPastItsProgressDeadlineFailed() {
        assertThat(health(DEPLOYMENT + """
                status:
                  observedGeneration: 2
                  conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded}]
                """).status()).isEqualTo(HealthStatus.FAILED);
    }

    @Test
    void statefulSetNeedsReadyReplicasAtTheUpdateRevision() {
        String sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 2}\n";
        assertThat(health(sts + "status: {readyReplicas: 1}").status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(sts + "status: {readyReplicas: 2, currentRevision: db-1, updateRevision: db-2}"))
                .isEqualTo(Health.inProgress("rolling out revision db-2"));
        assertThat(health(sts + "status: {readyReplicas: 2, currentRevision: db-2, updateRevision: db-2}").status())
                .isEqualTo(HealthStatus.CURRENT);
    }

    @Test
    void daemonSetNeedsEveryScheduledPodUpdatedAndAvailable() {
        String ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\n";
        assertThat(health(ds).status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(ds + "status: {desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 3}")
                .status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(ds + "status: {desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4}")
                .status()).isEqualTo(HealthStatus.CURRENT);
    }

    @Test
    void jobIsCurrentWhenCompleteAndFailedWhenFailed() {
        String job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\n";
        assertThat(health(job + "status: {active: 1}").status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(job + "status: {conditions: [{type: Complete, status: \"True\"}]}").status())
                .isEqualTo(HealthStatus.CURRENT);
        assertThat(health(job + "status: {conditions: [{type: Failed, status: \"True\", reason: BackoffLimitExceeded}]}"))
                .isEqualTo(Health.failed("job failed: BackoffLimitExceeded"));
    }

    @Test
    void claimIsCurrentOnceBound() {
        String pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\n";
        assertThat(health(pvc + "status: {phase: Pending}").status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(pvc + "status: {phase: Bound}").status()).isEqualTo(HealthStatus.CURRENT);
    }

    @Test
    void loadBalancerServiceWaitsForAnAddressOtherServicesDoNot() {
        String lb = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: LoadBalancer}\n";
        assertThat(health(lb + "status: {loadBalancer: {}}").status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(lb + "status: {loadBalancer: {ingress: [{ip: 10.0.0.1}]}}").status())
                .isEqualTo(HealthStatus.CURRENT);
        assertThat(health("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: ClusterIP}\n").status())
                .isEqualTo(HealthStatus.CURRENT);
    }

    @Test
    void customResourcesFollowTheirReadyCondition() {
        String cert = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: tls}\n";
        assertThat(health(cert + "status: {conditions: [{type: Ready, status: \"True\"}]}").status())
                .isEqualTo(HealthStatus.CURRENT);
        assertThat(health(cert + "status: {conditions: [{type: Ready, status: \"False\", reason: Issuing}]}"))
                .isEqualTo(Health.inProgress("not Ready: Issuing"));
        assertThat(health(cert + "status: {conditions: [{type: Ready, status: \"False\", reason: IssuanceFailed}]}")
                .status()).isEqualTo(HealthStatus.FAILED);
    }

    @Test
    void objectsWithoutReadinessAreCurrent() {
        assertThat(HealthEvaluator.evaluate(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c"), "data", Map.of("k", List.of())))).isEqualTo(
                Health.current("no readiness to wait for"));
    }
}
