package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields that differ between two normalized trees, as a reviewer reads them:
 * {@code spec.replicas, spec.template.spec.containers[web].image}. Items of a map list are addressed by their
 * keys as the schema names them ({@code ports[containerPort=8080,protocol=TCP]}; a single key by its value,
 * {@code containers[web]}), so inserting one does not renumber every field after it; without a schema, items
 * that carry a {@code name} by it; other lists by position. A field present on one side only is one path, not
 * one per leaf below it.
 */
public final class ChangedPaths {
    /** A plan of a generated 5 MB ConfigMap must not carry 100,000 paths: the diff has the rest. */
    static final int LIMIT = 50;

    private ChangedPaths() {
    }

    /** Paths in document order; at most {@value #LIMIT}, the last one "…" when there were more. */
    public static List<String> between(Map<String, Object> before, Map<String, Object> after) {
        return between(before, after, null);
    }

    static List<String> between(Map<String, Object> before, Map<String, Object> after, SchemaType type) {
        Set<String> out = new LinkedHashSet<>();
        walk("", before, after, type, out);
        List<String> paths = new ArrayList<>(out);
        if (paths.size() > LIMIT) {
            paths = new ArrayList<>(paths.subList(0, LIMIT - 1));
            paths.add("…");
        }
        return List.copyOf(paths);
    }

    private static void walk(String path, Object before, Object after, SchemaType type, Set<String> out) {
        if (out.size() > LIMIT || Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                walk(child(path, String.valueOf(key)), b.get(key), a.get(key),
                        type == null ? null : type.child(String.valueOf(key)), out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a && type != null
                && type.shape == SchemaType.Shape.LIST && type.listKind == SchemaType.ListKind.MAP) {
            Set<String> keys = new LinkedHashSet<>();
            a.forEach(item -> keys.add(key(item, type.keys)));
            b.forEach(item -> keys.add(key(item, type.keys)));
            for (String key : keys) {
                walk(path + "[" + key + "]", byKey(b, key, type.keys), byKey(a, key, type.keys), type.element, out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a && type == null && named(b) && named(a)) {
            Set<Object> names = new LinkedHashSet<>();
            a.forEach(item -> names.add(name(item)));
            b.forEach(item -> names.add(name(item)));
            for (Object name : names) {
                walk(path + "[" + name + "]", byName(b, name), byName(a, name), null, out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a) {
            SchemaType element = type == null ? null : type.element;
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", i < b.size() ? b.get(i) : null, i < a.size() ? a.get(i) : null, element,
                        out);
            }
        } else {
            out.add(path.isEmpty() ? "(whole object)" : path);
        }
    }

    private static String child(String path, String key) {
        boolean plain = !key.isEmpty() && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
        return plain ? (path.isEmpty() ? key : path + "." + key) : path + "[\"" + key + "\"]";
    }

    /** A map list item's address: its single key's value, or {@code key=value,...}; a port's protocol is TCP. */
    private static String key(Object item, List<String> keys) {
        Map<?, ?> m = item instanceof Map<?, ?> map ? map : Map.of();
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            Object v = m.get(k);
            v = v == null && k.equals("protocol") ? "TCP" : v;
            parts.add(keys.size() == 1 ? String.valueOf(v) : k + "=" + v);
        }
        return String.join(",", parts);
    }

    private static Object byKey(List<?> list, String key, List<String> keys) {
        return list.stream().filter(item -> key.equals(key(item, keys))).findFirst().orElse(null);
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> name(item) != null)
                && list.stream().map(ChangedPaths::name).distinct().count() == list.size();
    }

    private static Object name(Object item) {
        return item instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : null;
    }

    private static Object byName(List<?> list, Object name) {
        return list.stream().filter(item -> name.equals(name(item))).findFirst().orElse(null);
    }
}
