package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.Conditions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Health of a live object from its body alone, after the rules of kstatus (the library behind
 * {@code kubectl wait} and Flux) and {@code kubectl rollout status}: first what holds for every kind (being
 * deleted, the controller not having seen the latest spec, the standard {@code Stalled}/{@code Reconciling}
 * conditions), then kind-specific rollout counters, then a generic {@code Ready} condition. Pure: no I/O, no clock.
 */
public final class HealthEvaluator {
    /** Ready=False reasons that say the object gave up rather than is still working. */
    private static final Pattern FAILED_REASON = Pattern.compile("(?i).*(fail|error|invalid|backoff|deadline).*");

    /**
     * Kinds whose controller always writes status.observedGeneration: until it does, the status describes no
     * spec at all. Others (Job, custom resources) may never write it, so for them only a stale value counts.
     */
    private static final Set<String> OBSERVED_BY_CONTROLLER = Set.of("apps/Deployment", "apps/StatefulSet",
            "apps/DaemonSet", "apps/ReplicaSet", "/ReplicationController");

    private HealthEvaluator() {
    }

    public static Health evaluate(Map<String, Object> liveBody) {
        String kind = Documents.string(liveBody, "kind").orElse("");
        String groupKind = ResourceId.groupOf(Documents.string(liveBody, "apiVersion").orElse("")) + "/" + kind;
        Map<String, Object> status = Documents.map(liveBody, "status").orElse(Map.of());
        Map<String, Object> spec = Documents.map(liveBody, "spec").orElse(Map.of());
        Optional<Health> general = anyKind(liveBody, status, OBSERVED_BY_CONTROLLER.contains(groupKind));
        if (general.isPresent()) {
            return general.get();
        }
        return switch (groupKind) {
            case "apps/Deployment" -> deployment(spec, status);
            case "apps/StatefulSet" -> statefulSet(spec, status);
            case "apps/DaemonSet" -> daemonSet(status);
            case "apps/ReplicaSet", "/ReplicationController" -> replicaSet(spec, status);
            case "batch/Job" -> job(status);
            case "/PersistentVolumeClaim" -> persistentVolumeClaim(status);
            case "/Service" -> service(spec, status);
            default -> readyCondition(status);
        };
    }

    private static Optional<Health> anyKind(Map<String, Object> body, Map<String, Object> status,
            boolean observedByController) {
        Map<String, Object> metadata = Documents.metadata(body).orElse(Map.of());
        if (metadata.get("deletionTimestamp") != null) {
            return Optional.of(Health.inProgress("terminating"));
        }
        long generation = number(metadata, "generation", -1);
        long observed = number(status, "observedGeneration", -1);
        if (generation >= 0 && observed < 0 && observedByController) {
            return Optional.of(Health.inProgress("the controller has not yet seen generation " + generation));
        }
        if (generation >= 0 && observed >= 0 && observed < generation) {
            return Optional.of(Health.inProgress("the controller has not yet seen generation " + generation
                    + " (observed " + observed + ")"));
        }
        if (Conditions.isTrue(Conditions.of(status, "Stalled"))) {
            return Optional.of(Health.failed("stalled: " + Conditions.reason(Conditions.of(status, "Stalled"))));
        }
        if (Conditions.isTrue(Conditions.of(status, "Reconciling"))) {
            return Optional.of(Health.inProgress("reconciling: " + Conditions.reason(Conditions.of(status, "Reconciling"))));
        }
        return Optional.empty();
    }

    private static Health deployment(Map<String, Object> spec, Map<String, Object> status) {
        Optional<Map<String, Object>> progressing = Conditions.of(status, "Progressing");
        String progress = progressing.map(c -> c.get("reason")).map(String::valueOf).orElse("");
        if ("ProgressDeadlineExceeded".equals(progress)) {
            return Health.failed("rollout exceeded its progress deadline");
        }
        long replicas = number(spec, "replicas", 1);
        long updated = number(status, "updatedReplicas", 0);
        if (updated < replicas) {
            return Health.inProgress(updated + " of " + replicas + " replicas updated");
        }
        Optional<Health> surplus = pendingTermination(replicas, status);
        if (surplus.isPresent()) {
            return surplus.get();
        }
        long available = number(status, "availableReplicas", 0);
        if (available < updated) {
            return Health.inProgress(available + " of " + updated + " updated replicas available");
        }
        // The counters can all match while the controller still rolls (e.g. paused, or a new ReplicaSet just
        // made); it says the rollout is done with this reason. No condition at all: nothing to wait for.
        if (progressing.isPresent() && !"NewReplicaSetAvailable".equals(progress)) {
            return Health.inProgress("rollout not complete: " + Conditions.reason(progressing));
        }
        return replicas == 0 ? Health.current("scaled to 0")
                : Health.current(replicas + " of " + replicas + " replicas updated and available");
    }

    private static Health statefulSet(Map<String, Object> spec, Map<String, Object> status) {
        long replicas = number(spec, "replicas", 1);
        Optional<Health> surplus = pendingTermination(replicas, status);
        if (surplus.isPresent()) {
            return surplus.get();
        }
        long ready = number(status, "readyReplicas", 0);
        if (ready < replicas) {
            return Health.inProgress(ready + " of " + replicas + " replicas ready");
        }
        Map<String, Object> strategy = Documents.map(spec, "updateStrategy").orElse(Map.of());
        if ("OnDelete".equals(strategy.get("type"))) {
            // Pods change revision only when someone deletes them: waiting for the revision would never end.
            return Health.current(replicas + " of " + replicas + " replicas ready (OnDelete updates)");
        }
        long updated = number(status, "updatedReplicas", 0);
        long partition = number(Documents.map(strategy, "rollingUpdate").orElse(Map.of()), "partition", 0);
        if (partition > 0) {
            // Pods below the partition stay at the old revision on purpose, so the revisions never match.
            long expected = Math.max(0, replicas - partition);
            return updated < expected
                    ? Health.inProgress(updated + " of " + expected + " replicas above partition " + partition
                            + " updated")
                    : Health.current(expected + " replicas above partition " + partition + " updated, "
                            + replicas + " ready");
        }
        if (updated < replicas) {
            return Health.inProgress(updated + " of " + replicas + " replicas updated");
        }
        Object current = status.get("currentRevision");
        Object update = status.get("updateRevision");
        if (update != null && !update.equals(current)) {
            return Health.inProgress("rolling out revision " + update);
        }
        return Health.current(replicas + " of " + replicas + " replicas ready at the current revision");
    }

    private static Health daemonSet(Map<String, Object> status) {
        long desired = number(status, "desiredNumberScheduled", -1);
        if (desired < 0) {
            return Health.inProgress("not yet scheduled");
        }
        long updated = number(status, "updatedNumberScheduled", 0);
        if (updated < desired) {
            return Health.inProgress(updated + " of " + desired + " pods updated");
        }
        long ready = number(status, "numberReady", 0);
        if (ready < desired) {
            return Health.inProgress(ready + " of " + desired + " pods ready");
        }
        long available = number(status, "numberAvailable", 0);
        if (available < desired) {
            return Health.inProgress(available + " of " + desired + " pods available");
        }
        return Health.current(desired + " of " + desired + " pods updated and available");
    }

    private static Health replicaSet(Map<String, Object> spec, Map<String, Object> status) {
        long replicas = number(spec, "replicas", 1);
        Optional<Health> surplus = pendingTermination(replicas, status);
        if (surplus.isPresent()) {
            return surplus.get();
        }
        long available = number(status, "availableReplicas", 0);
        if (available < replicas) {
            return Health.inProgress(available + " of " + replicas + " replicas available");
        }
        return Health.current(replicas + " of " + replicas + " replicas available");
    }

    /** More pods than asked for: the old ones are still shutting down. */
    private static Optional<Health> pendingTermination(long replicas, Map<String, Object> status) {
        long surplus = number(status, "replicas", 0) - replicas;
        return surplus > 0 ? Optional.of(Health.inProgress(surplus + " old replicas pending termination"))
                : Optional.empty();
    }

    private static Health job(Map<String, Object> status) {
        if (Conditions.isTrue(Conditions.of(status, "Failed"))) {
            return Health.failed("job failed: " + Conditions.reason(Conditions.of(status, "Failed")));
        }
        if (Conditions.isTrue(Conditions.of(status, "Complete"))) {
            return Health.current("job complete");
        }
        return Health.inProgress("job running");
    }

    private static Health persistentVolumeClaim(Map<String, Object> status) {
        Object phase = status.get("phase");
        return "Bound".equals(phase) ? Health.current("bound")
                : Health.inProgress("phase " + (phase == null ? "unknown" : phase) + ", waiting for Bound");
    }

    private static Health service(Map<String, Object> spec, Map<String, Object> status) {
        if (!"LoadBalancer".equals(spec.get("type"))) {
            return Health.current("service");
        }
        boolean hasIngress = Documents.map(status, "loadBalancer")
                .map(lb -> lb.get("ingress") instanceof List<?> l && !l.isEmpty()).orElse(false);
        return hasIngress ? Health.current("load balancer provisioned")
                : Health.inProgress("waiting for a load balancer address");
    }

    private static Health readyCondition(Map<String, Object> status) {
        Optional<Map<String, Object>> ready = Conditions.of(status, "Ready");
        if (ready.isEmpty()) {
            return Health.current("no readiness to wait for");
        }
        if (Conditions.isTrue(ready)) {
            return Health.current("Ready");
        }
        String reason = Conditions.reason(ready);
        return FAILED_REASON.matcher(reason).matches() ? Health.failed("not Ready: " + reason)
                : Health.inProgress("not Ready: " + reason);
    }

    private static long number(Map<String, Object> map, String key, long absent) {
        return map.get(key) instanceof Number n ? n.longValue() : absent;
    }
}
