package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.engine.model.Documents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code metadata.managedFields}: which fields our field manager owns by server-side apply. Applying a
 * manifest removes every field we own that it no longer sets, a change no comparison of the fields it sets can
 * see; this tells the planner when a server dry run is needed for that reason.
 */
final class ManagedFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String fieldManager;

    ManagedFields(String fieldManager) {
        this.fieldManager = fieldManager;
    }

    /**
     * Whether our manager's applied field set holds a field (or list item) the desired body lacks. No entry for
     * our manager: we never applied this object, so an apply removes nothing. An entry we cannot read: true.
     */
    boolean ownsMoreThan(Map<String, Object> live, Map<String, Object> desired) {
        Object entries = Documents.metadata(live).map(m -> m.get("managedFields")).orElse(null);
        if (!(entries instanceof List<?> list)) {
            return false;
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> e && fieldManager.equals(e.get("manager")) && "Apply".equals(e.get("operation"))
                    && (!(e.get("fieldsV1") instanceof Map<?, ?> owned) || ownsMore(owned, desired))) {
                return true;
            }
        }
        return false;
    }

    /** The fieldsV1 format: {@code f:<name>} a field, {@code k:<json>} a list item by key, {@code v:<json>} by value. */
    private static boolean ownsMore(Map<?, ?> owned, Object desired) {
        for (Map.Entry<?, ?> e : owned.entrySet()) {
            String key = String.valueOf(e.getKey());
            Map<?, ?> below = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
            if (key.equals(".")) {
                continue;
            }
            Object match = key.startsWith("f:") ? field(desired, key.substring(2))
                    : key.startsWith("k:") ? itemByKey(desired, key.substring(2))
                    : key.startsWith("v:") ? itemByValue(desired, key.substring(2))
                    : key.startsWith("i:") ? itemByIndex(desired, key.substring(2))
                    : null;
            if (match == null || ownsMore(below, match)) {
                return true;
            }
        }
        return false;
    }

    private static Object field(Object desired, String name) {
        return desired instanceof Map<?, ?> map ? map.get(name) : null;
    }

    /**
     * The desired item with these key values, its key fields filled in: the server records a port's key with the
     * protocol it defaults ({@code k:{"containerPort":8080,"protocol":"TCP"}}) where the manifest sets none.
     */
    private static Object itemByKey(Object desired, String json) {
        Map<?, ?> key = parse(json) instanceof Map<?, ?> m ? m : null;
        if (key == null || !(desired instanceof List<?> items)) {
            return null;
        }
        return items.stream().filter(item -> item instanceof Map<?, ?> m && key.entrySet().stream()
                .allMatch(k -> Objects.equals(String.valueOf(k.getValue()), String.valueOf(keyValue(m, k.getKey())))))
                .findFirst().map(item -> {
                    Map<Object, Object> filled = new LinkedHashMap<>((Map<?, ?>) item);
                    key.forEach(filled::putIfAbsent);
                    return filled;
                }).orElse(null);
    }

    private static Object keyValue(Map<?, ?> item, Object key) {
        Object value = item.get(key);
        return value == null && "protocol".equals(key) ? "TCP" : value;
    }

    private static Object itemByValue(Object desired, String json) {
        Object value = parse(json);
        return desired instanceof List<?> items && value != null && items.stream()
                .anyMatch(item -> String.valueOf(item).equals(String.valueOf(value))) ? value : null;
    }

    private static Object itemByIndex(Object desired, String index) {
        try {
            int i = Integer.parseInt(index);
            return desired instanceof List<?> items && i < items.size() ? items.get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
