package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces a live tree to the fields the desired tree sets, so that values the server defaulted
 * ({@code progressDeadlineSeconds}, {@code terminationMessagePath}, a port's {@code protocol}) are not
 * differences. What stays is compared as it is: a field the manifest sets to another value still differs.
 */
public final class FieldProjection {
    private FieldProjection() {
    }

    /** The part of {@code live} that {@code desired} sets; a new tree, the arguments are not changed. */
    public static Object project(Object live, Object desired) {
        if (live instanceof Map<?, ?> liveMap && desired instanceof Map<?, ?> desiredMap) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, desiredMap.size() * 2));
            for (Map.Entry<?, ?> e : liveMap.entrySet()) {
                if (desiredMap.containsKey(e.getKey())) {
                    out.put(String.valueOf(e.getKey()), project(e.getValue(), desiredMap.get(e.getKey())));
                }
            }
            return out;
        }
        if (live instanceof List<?> liveList && desired instanceof List<?> desiredList) {
            Map<Object, Object> byName = byName(desiredList);
            List<Object> out = new ArrayList<>(liveList.size());
            for (int i = 0; i < liveList.size(); i++) {
                Object item = liveList.get(i);
                // Live elements the manifest does not have stay whole: applying would remove them.
                Object counterpart = byName != null ? byName.get(name(item))
                        : i < desiredList.size() ? desiredList.get(i) : null;
                out.add(counterpart == null ? item : project(item, counterpart));
            }
            return out;
        }
        return live;
    }

    /**
     * Desired elements by their {@code name} (containers, ports, env, volumes), or null when the list is
     * not keyed that way and elements are matched by position.
     */
    private static Map<Object, Object> byName(List<?> desired) {
        if (desired.isEmpty()) {
            return null;
        }
        Map<Object, Object> byName = new HashMap<>();
        for (Object item : desired) {
            Object name = name(item);
            if (name == null || byName.put(name, item) != null) {
                return null;
            }
        }
        return byName;
    }

    private static Object name(Object item) {
        return item instanceof Map<?, ?> map ? map.get("name") : null;
    }
}
