package io.jenkins.plugins.gitops.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Helpers for the plain tree form of a manifest: {@code Map<String,Object>}, {@code List<Object>} and scalars. */
public final class Documents {
    private Documents() {
    }

    /** A deep copy that nobody can change afterwards; already immutable subtrees are copied again (cheap and safe). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> immutableCopy(Map<String, ?> map) {
        return (Map<String, Object>) copy(map, false);
    }

    /** A deep copy to change, for normalization and masking. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mutableCopy(Map<String, ?> map) {
        return (Map<String, Object>) copy(map, true);
    }

    private static Object copy(Object value, boolean mutable) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), copy(e.getValue(), mutable));
            }
            return mutable ? out : Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(copy(item, mutable));
            }
            return mutable ? out : Collections.unmodifiableList(out);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> map(Map<String, ?> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    public static Optional<String> string(Map<String, ?> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public static Optional<Map<String, Object>> metadata(Map<String, ?> body) {
        return map(body, "metadata");
    }

    public static Optional<Map<String, Object>> annotations(Map<String, ?> body) {
        return metadata(body).flatMap(m -> map(m, "annotations"));
    }
}
