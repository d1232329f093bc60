package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces the values of a core-group Secret with tokens, comparing live and desired pairwise so the diff
 * still says which keys changed. A token depends only on whether the two values are equal: no hash or
 * length of a value survives, because even those leak short secrets.
 */
public final class SecretMasker {
    public static final String SAME = "***";
    public static final String BEFORE = "*** (before)";
    public static final String AFTER = "*** (after)";
    private static final List<String> SECTIONS = List.of("data", "stringData");

    private SecretMasker() {
    }

    public static boolean isSecret(ResourceId id) {
        return id.group().isEmpty() && id.kind().equals("Secret");
    }

    /** Masks both trees in place; either may be null (create or delete). Other kinds are left alone. */
    public static void mask(ResourceId id, Map<String, Object> live, Map<String, Object> desired) {
        if (!isSecret(id)) {
            return;
        }
        for (String section : SECTIONS) {
            Object before = live == null ? null : live.get(section);
            Object after = desired == null ? null : desired.get(section);
            Map<String, Object> beforeMap = asMap(before);
            Map<String, Object> afterMap = asMap(after);
            if ((before == null || beforeMap != null) && (after == null || afterMap != null)) {
                maskEntries(beforeMap, afterMap);
                continue;
            }
            // A malformed section is masked as one value.
            String token = before != null && after != null && !Objects.equals(before, after) ? BEFORE : SAME;
            if (before != null) {
                live.put(section, token);
            }
            if (after != null) {
                desired.put(section, token.equals(SAME) ? SAME : AFTER);
            }
        }
    }

    /**
     * The API server stores stringData as base64 data and never returns stringData, so a live Secret
     * without it is compared with what the desired one turns into. Changes {@code desired} in place;
     * runs before {@link FieldProjection}, which would otherwise drop the live data.
     */
    static void foldStringData(ResourceId id, Map<String, Object> live, Map<String, Object> desired) {
        if (!isSecret(id) || live == null || desired == null || live.containsKey("stringData")
                || !(desired.get("stringData") instanceof Map<?, ?> plain)) {
            return;
        }
        Map<String, Object> data = Documents.map(desired, "data").orElseGet(LinkedHashMap::new);
        plain.forEach((k, v) -> data.put(String.valueOf(k), v == null ? null
                : Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
        desired.put("data", data);
        desired.remove("stringData");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object section) {
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static void maskEntries(Map<String, Object> live, Map<String, Object> desired) {
        if (live != null) {
            for (Map.Entry<String, Object> e : live.entrySet()) {
                boolean paired = desired != null && desired.containsKey(e.getKey());
                boolean same = !paired || Objects.equals(e.getValue(), desired.get(e.getKey()));
                e.setValue(same ? SAME : BEFORE);
            }
        }
        if (desired != null) {
            for (Map.Entry<String, Object> e : desired.entrySet()) {
                String other = live == null ? null : (String) live.get(e.getKey());
                e.setValue(other == null || other.equals(SAME) ? SAME : AFTER);
            }
        }
    }
}
