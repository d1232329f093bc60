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

    private static final String ROLLED_OUT = """
            conditions:
              - {type: Available, status: "True", reason: MinimumReplicasAvailable}
              - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
            """.indent(2);

    @Test
    void aControllerThatHasNotWrittenObservedGenerationHasNotSeenTheObject() {
        assertThat(health(DEPLOYMENT)).isEqualTo(Health.inProgress("the controller has not yet seen generation 2"));
        assertThat(health(DEPLOYMENT + "status: {replicas: 3, updatedReplicas: 3, availableReplicas: 3}"))
                .isEqualTo(Health.inProgress("the controller has not yet seen generation 2"));
    }

    @Test
    void aStaleObservedGenerationIsInProgressForAnyKind() {
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3}"))
                .isEqualTo(Health.inProgress("the controller has not yet seen generation 2 (observed 1)"));
        assertThat(health("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: tls, generation: 5}
                status: {observedGeneration: 4, conditions: [{type: Ready, status: "True"}]}
                """).status()).isEqualTo(HealthStatus.IN_PROGRESS);
    }

    @Test
    void kindsThatNeverWriteObservedGenerationAreNotHeldBack() {
        assertThat(health("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, generation: 1}
                status: {conditions: [{type: Complete, status: "True"}]}
                """)).isEqualTo(Health.current("job complete"));
        assertThat(health("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: tls, generation: 1}
                status: {conditions: [{type: Ready, status: "True"}]}
                """)).isEqualTo(Health.current("Ready"));
    }

    @Test
    void anObjectBeingDeletedIsTerminating() {
        assertThat(health("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, deletionTimestamp: "2025-01-01T00:00:00Z"}
                """)).isEqualTo(Health.inProgress("terminating"));
    }

    @Test
    void standardStalledAndReconcilingConditionsApplyToAnyKind() {
        String widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";
        assertThat(health(widget + "status: {conditions: [{type: Stalled, status: \"True\", reason: QuotaExceeded}]}"))
                .isEqualTo(Health.failed("stalled: QuotaExceeded"));
        assertThat(health(widget + "status: {conditions: [{type: Reconciling, status: \"True\", reason: Scaling},"
                + " {type: Ready, status: \"True\"}]}")).isEqualTo(Health.inProgress("reconciling: Scaling"));
        assertThat(health(widget + "status: {conditions: [{type: Reconciling, status: \"False\"},"
                + " {type: Stalled, status: \"False\"}]}")).isEqualTo(Health.current("no readiness to wait for"));
    }

    @Test
    void deploymentWaitsForUpdatedThenOldPodsGoneThenAvailableReplicas() {
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, replicas: 3, updatedReplicas: 1,"
                + " availableReplicas: 3}")).isEqualTo(Health.inProgress("1 of 3 replicas updated"));
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, replicas: 4, updatedReplicas: 3,"
                + " availableReplicas: 3}")).isEqualTo(Health.inProgress("1 old replicas pending termination"));
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, replicas: 3, updatedReplicas: 3,"
                + " availableReplicas: 2}")).isEqualTo(Health.inProgress("2 of 3 updated replicas available"));
        assertThat(health(DEPLOYMENT + "status: {observedGeneration: 2, replicas: 3, updatedReplicas: 3,"
                + " availableReplicas: 3}")).isEqualTo(Health.current("3 of 3 replicas updated and available"));
    }

    @Test
    void deploymentDefaultsToOneReplica() {
        String one = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, generation: 1}\n";
        assertThat(health(one + "status: {observedGeneration: 1}"))
                .isEqualTo(Health.inProgress("0 of 1 replicas updated"));
        assertThat(health(one + "status: {observedGeneration: 1, replicas: 1, updatedReplicas: 1,"
                + " availableReplicas: 1}"))
                .isEqualTo(Health.current("1 of 1 replicas updated and available"));
    }

    @Test
    void deploymentWaitsUntilTheControllerDeclaresTheNewReplicaSetAvailable() {
        String counters = DEPLOYMENT + "status:\n  observedGeneration: 2\n  replicas: 3\n  updatedReplicas: 3\n"
                + "  availableReplicas: 3\n";
        assertThat(health(counters
                + "  conditions: [{type: Progressing, status: \"True\", reason: ReplicaSetUpdated}]\n"))
                .isEqualTo(Health.inProgress("rollout not complete: ReplicaSetUpdated"));
        assertThat(health(counters + ROLLED_OUT).status()).isEqualTo(HealthStatus.CURRENT);
    }

    @Test
    void deploymentPastItsProgressDeadlineFailed() {
        assertThat(health(DEPLOYMENT + """
                status:
                  observedGeneration: 2
                  replicas: 3
                  updatedReplicas: 1
                  conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded}]
                """)).isEqualTo(Health.failed("rollout exceeded its progress deadline"));
    }

    @Test
    void deploymentScaledToZeroIsCurrentOnceObserved() {
        String zero = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, generation: 4}\n"
                + "spec: {replicas: 0}\n";
        assertThat(health(zero + "status: {observedGeneration: 4}")).isEqualTo(Health.current("scaled to 0"));
        assertThat(health(zero + "status: {observedGeneration: 4, replicas: 0}\n"))
                .isEqualTo(Health.current("scaled to 0"));
        assertThat(health(zero + "status: {observedGeneration: 4, replicas: 2, updatedReplicas: 2}"))
                .isEqualTo(Health.inProgress("2 old replicas pending termination"));
    }

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, generation: 3}
            """;

    @Test
    void statefulSetNeedsReadyReplicasAllUpdatedAtTheUpdateRevision() {
        String sts = STATEFUL_SET + "spec: {replicas: 2}\n";
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 2, readyReplicas: 1}"))
                .isEqualTo(Health.inProgress("1 of 2 replicas ready"));
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 2, readyReplicas: 2, updatedReplicas: 1,"
                + " currentRevision: db-1, updateRevision: db-2}"))
                .isEqualTo(Health.inProgress("1 of 2 replicas updated"));
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 2, readyReplicas: 2, updatedReplicas: 2,"
                + " currentRevision: db-1, updateRevision: db-2}"))
                .isEqualTo(Health.inProgress("rolling out revision db-2"));
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 2, readyReplicas: 2, updatedReplicas: 2,"
                + " currentRevision: db-2, updateRevision: db-2}")).isEqualTo(
                Health.current("2 of 2 replicas ready at the current revision"));
    }

    @Test
    void statefulSetScaledDownWaitsForSurplusPods() {
        assertThat(health(STATEFUL_SET + "spec: {replicas: 2}\nstatus: {observedGeneration: 3, replicas: 3,"
                + " readyReplicas: 3, updatedReplicas: 3, currentRevision: db-2, updateRevision: db-2}"))
                .isEqualTo(Health.inProgress("1 old replicas pending termination"));
    }

    @Test
    void statefulSetWithOnDeleteIsCurrentOnceReadyWhateverTheRevisions() {
        String sts = STATEFUL_SET + "spec: {replicas: 2, updateStrategy: {type: OnDelete}}\n";
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 2, readyReplicas: 1}").status())
                .isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 2, readyReplicas: 2, updatedReplicas: 0,"
                + " currentRevision: db-1, updateRevision: db-2}")).isEqualTo(
                Health.current("2 of 2 replicas ready (OnDelete updates)"));
        assertThat(health(sts + "status: {observedGeneration: 2, replicas: 2, readyReplicas: 2}").status())
                .isEqualTo(HealthStatus.IN_PROGRESS);
    }

    @Test
    void statefulSetWithAPartitionWaitsOnlyForThePodsAboveIt() {
        String sts = STATEFUL_SET
                + "spec: {replicas: 4, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 3}}}\n";
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 4, readyReplicas: 4, updatedReplicas: 0,"
                + " currentRevision: db-1, updateRevision: db-2}"))
                .isEqualTo(Health.inProgress("0 of 1 replicas above partition 3 updated"));
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 4, readyReplicas: 3, updatedReplicas: 1,"
                + " currentRevision: db-1, updateRevision: db-2}"))
                .isEqualTo(Health.inProgress("3 of 4 replicas ready"));
        assertThat(health(sts + "status: {observedGeneration: 3, replicas: 4, readyReplicas: 4, updatedReplicas: 1,"
                + " currentRevision: db-1, updateRevision: db-2}"))
                .isEqualTo(Health.current("1 replicas above partition 3 updated, 4 ready"));
    }

    @Test
    void daemonSetNeedsEveryScheduledPodUpdatedReadyAndAvailable() {
        String ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, generation: 2}\n";
        assertThat(health(ds + "status: {observedGeneration: 2}")).isEqualTo(Health.inProgress("not yet scheduled"));
        assertThat(health(ds + "status: {observedGeneration: 2, desiredNumberScheduled: 4, updatedNumberScheduled: 3,"
                + " numberReady: 4, numberAvailable: 4}")).isEqualTo(Health.inProgress("3 of 4 pods updated"));
        assertThat(health(ds + "status: {observedGeneration: 2, desiredNumberScheduled: 4, updatedNumberScheduled: 4,"
                + " numberReady: 3, numberAvailable: 3}")).isEqualTo(Health.inProgress("3 of 4 pods ready"));
        assertThat(health(ds + "status: {observedGeneration: 2, desiredNumberScheduled: 4, updatedNumberScheduled: 4,"
                + " numberReady: 4, numberAvailable: 3}")).isEqualTo(Health.inProgress("3 of 4 pods available"));
        assertThat(health(ds + "status: {observedGeneration: 1, desiredNumberScheduled: 4, updatedNumberScheduled: 4,"
                + " numberReady: 4, numberAvailable: 4}").status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(health(ds + "status: {observedGeneration: 2, desiredNumberScheduled: 4, updatedNumberScheduled: 4,"
                + " numberReady: 4, numberAvailable: 4}"))
                .isEqualTo(Health.current("4 of 4 pods updated and available"));
    }

    @Test
    void replicaSetNeedsItsReplicasAvailable() {
        String rs = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-1, generation: 1}\n"
                + "spec: {replicas: 2}\n";
        assertThat(health(rs)).isEqualTo(Health.inProgress("the controller has not yet seen generation 1"));
        assertThat(health(rs + "status: {observedGeneration: 1, replicas: 2, availableReplicas: 1}"))
                .isEqualTo(Health.inProgress("1 of 2 replicas available"));
        assertThat(health(rs + "status: {observedGeneration: 1, replicas: 2, availableReplicas: 2}"))
                .isEqualTo(Health.current("2 of 2 replicas available"));
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
