package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Health of a live object from its body alone, after the rules of kstatus (the library behind
 * {@code kubectl wait} and Flux): first "has the controller seen the latest spec" (observedGeneration),
 * then kind-specific rollout counters, then a generic {@code Ready} condition. Pure: no I/O, no clock.
 */
public final class HealthEvaluator {
    /** Ready=False reasons that say the object gave up rather than is still working. */
    private static final Pattern FAILED_REASON = Pattern.compile("(?i).*(fail|error|invalid|backoff|deadline).*");

    private HealthEvaluator() {
    }

    public static Health evaluate(Map<String, Object> liveBody) {
        String kind = Documents.string(liveBody, "kind").orElse("");
        String group = ResourceId.groupOf(Documents.string(liveBody, "apiVersion").orElse(""));
        Map<String, Object> status = Documents.map(liveBody, "status").orElse(Map.of());
        Map<String, Object> spec = Documents.map(liveBody, "spec").orElse(Map.of());
        Optional<Health> stale = staleGeneration(liveBody, status);
        if (stale.isPresent()) {
            return stale.get();
        }
        return switch (group + "/" + kind) {
            case "apps/Deployment" -> deployment(spec, status);
            case "apps/StatefulSet" -> statefulSet(spec, status);
            case "apps/DaemonSet" -> daemonSet(status);
            case "batch/Job" -> job(status);
            case "/PersistentVolumeClaim" -> persistentVolumeClaim(status);
            case "/Service" -> service(spec, status);
            default -> readyCondition(status);
        };
    }

    private static Optional<Health> staleGeneration(Map<String, Object> body, Map<String, Object> status) {
        long generation = number(Documents.metadata(body).orElse(Map.of()), "generation", -1);
        long observed = number(status, "observedGeneration", -1);
        if (generation >= 0 && observed >= 0 && observed < generation) {
            return Optional.of(Health.inProgress("the controller has not yet seen generation " + generation
                    + " (observed " + observed + ")"));
        }
        return Optional.empty();
    }

    private static Health deployment(Map<String, Object> spec, Map<String, Object> status) {
        Optional<Map<String, Object>> progressing = condition(status, "Progressing");
        if (progressing.map(c -> "ProgressDeadlineExceeded".equals(c.get("reason"))).orElse(false)) {
            return Health.failed("rollout exceeded its progress deadline");
        }
        long replicas = number(spec, "replicas", 1);
        long updated = number(status, "updatedReplicas", 0);
        long available = number(status, "availableReplicas", 0);
        if (updated < replicas) {
            return Health.inProgress(updated + " of " + replicas + " replicas updated");
        }
        if (available < replicas) {
            return Health.inProgress(available + " of " + replicas + " replicas available");
        }
        return Health.current(replicas + " of " + replicas + " replicas updated and available");
    }

    private static Health statefulSet(Map<String, Object> spec, Map<String, Object> status) {
        long replicas = number(spec, "replicas", 1);
        long ready = number(status, "readyReplicas", 0);
        if (ready < replicas) {
            return Health.inProgress(ready + " of " + replicas + " replicas ready");
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
        long available = number(status, "numberAvailable", 0);
        if (updated < desired || available < desired) {
            return Health.inProgress(updated + " of " + desired + " pods updated, " + available + " available");
        }
        return Health.current(desired + " of " + desired + " pods updated and available");
    }

    private static Health job(Map<String, Object> status) {
        if (isTrue(condition(status, "Failed"))) {
            return Health.failed("job failed: " + reason(condition(status, "Failed")));
        }
        if (isTrue(condition(status, "Complete"))) {
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
        Optional<Map<String, Object>> ready = condition(status, "Ready");
        if (ready.isEmpty()) {
            return Health.current("no readiness to wait for");
        }
        if (isTrue(ready)) {
            return Health.current("Ready");
        }
        String reason = reason(ready);
        return FAILED_REASON.matcher(reason).matches() ? Health.failed("not Ready: " + reason)
                : Health.inProgress("not Ready: " + reason);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> condition(Map<String, Object> status, String type) {
        if (!(status.get("conditions") instanceof List<?> conditions)) {
            return Optional.empty();
        }
        return conditions.stream()
                .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
                .map(c -> (Map<String, Object>) c)
                .findFirst();
    }

    private static boolean isTrue(Optional<Map<String, Object>> condition) {
        return condition.map(c -> "True".equals(c.get("status"))).orElse(false);
    }

    /** The condition's reason only: messages may quote user data, reasons are CamelCase codes. */
    private static String reason(Optional<Map<String, Object>> condition) {
        return condition.map(c -> c.get("reason")).map(String::valueOf).orElse("no reason given");
    }

    private static long number(Map<String, Object> map, String key, long absent) {
        return map.get(key) instanceof Number n ? n.longValue() : absent;
    }
}
