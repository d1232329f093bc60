package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code status.conditions} of an object, the convention nearly every Kubernetes kind follows: health
 * judgements and the wait for a CRD to be Established read them the same way.
 */
public final class Conditions {
    private Conditions() {
    }

    /** The condition of that type in a {@code status} map, if the object reports one. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> of(Map<String, Object> status, String type) {
        if (status == null || !(status.get("conditions") instanceof List<?> conditions)) {
            return Optional.empty();
        }
        return conditions.stream()
                .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
                .map(c -> (Map<String, Object>) c)
                .findFirst();
    }

    /** Whether the condition of that type in a whole object's status is {@code True}. */
    public static boolean isTrueIn(Map<String, Object> object, String type) {
        return isTrue(Documents.map(object, "status").flatMap(status -> of(status, type)));
    }

    public static boolean isTrue(Optional<Map<String, Object>> condition) {
        return condition.map(c -> "True".equals(c.get("status"))).orElse(false);
    }

    /** The condition's reason only: messages may quote user data, reasons are CamelCase codes. */
    public static String reason(Optional<Map<String, Object>> condition) {
        return condition.map(c -> c.get("reason")).map(String::valueOf).orElse("no reason given");
    }
}
