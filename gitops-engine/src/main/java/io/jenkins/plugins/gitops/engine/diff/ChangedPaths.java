package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields that differ between two normalized trees, as a reviewer reads them:
 * {@code spec.replicas, spec.template.spec.containers[web].image}. List elements that carry a {@code name}
 * are addressed by it, so inserting a container does not renumber every field after it; other lists by
 * position. A field present on one side only is one path, not one per leaf below it.
 */
public final class ChangedPaths {
    /** A plan of a generated 5 MB ConfigMap must not carry 100,000 paths: the diff has the rest. */
    static final int LIMIT = 50;

    private ChangedPaths() {
    }

    /** Paths in document order; at most {@value #LIMIT}, the last one "…" when there were more. */
    public static List<String> between(Map<String, Object> before, Map<String, Object> after) {
        Set<String> out = new LinkedHashSet<>();
        walk("", before, after, out);
        List<String> paths = new ArrayList<>(out);
        if (paths.size() > LIMIT) {
            paths = new ArrayList<>(paths.subList(0, LIMIT - 1));
            paths.add("…");
        }
        return List.copyOf(paths);
    }

    private static void walk(String path, Object before, Object after, Set<String> out) {
        if (out.size() > LIMIT || Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                walk(child(path, String.valueOf(key)), b.get(key), a.get(key), out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a && named(b) && named(a)) {
            Set<Object> names = new LinkedHashSet<>();
            a.forEach(item -> names.add(name(item)));
            b.forEach(item -> names.add(name(item)));
            for (Object name : names) {
                walk(path + "[" + name + "]", byName(b, name), byName(a, name), out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", i < b.size() ? b.get(i) : null, i < a.size() ? a.get(i) : null, out);
            }
        } else {
            out.add(path.isEmpty() ? "(whole object)" : path);
        }
    }

    private static String child(String path, String key) {
        boolean plain = !key.isEmpty() && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
        return plain ? (path.isEmpty() ? key : path + "." + key) : path + "[\"" + key + "\"]";
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
