package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.model.Documents;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The client diff with server-side-apply semantics: what of a live object a server-side apply of the manifest
 * would leave different, reduced to a "before" tree to compare with the manifest.
 *
 * <ul>
 *   <li>Fields the manifest sets are compared: quantities as quantities ({@code 0.5} and {@code 500m} are one
 *       value), everything else as the server stores it (an int-or-string {@code 8080} and {@code "8080"}
 *       differ).</li>
 *   <li>Fields the manifest does not set stay out (defaults, what controllers and other managers set), unless
 *       the apply removes them: our field manager owns them and no other manager does ({@link Ownership}).</li>
 *   <li>Lists by their schema ({@link KubernetesSchema}): map lists match items by key (container ports by
 *       {@code containerPort} and {@code protocol}), sets by value, in the manifest's order; atomic lists
 *       position by position, and whole when their lengths differ (the apply replaces them).</li>
 *   <li>Empty values the server drops equal absent ones ({@link #clean}).</li>
 * </ul>
 * Parts no schema describes (custom resources whose CRD is neither in the desired state nor published by the
 * server, {@link Schemas}) are compared as {@link FieldProjection} does.
 */
final class ApplyProjection {
    private final Supplier<Ownership> ownership;
    private Ownership resolved;

    private ApplyProjection(Supplier<Ownership> ownership) {
        this.ownership = ownership;
    }

    /**
     * The before tree for a live object against a cleaned desired one. {@code original} is the live object as
     * read, with its managedFields, read only if a field of it is not in the manifest.
     */
    static Map<String, Object> before(SchemaType root, Map<String, Object> live, Map<String, Object> desired,
            Map<String, ?> original, String fieldManager) {
        ApplyProjection p = new ApplyProjection(() -> Ownership.of(original, fieldManager, root));
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) p.project(root, live, desired, null);
        return before;
    }

    /**
     * Removes, in place, what the server never returns for a built-in kind: nulls, an empty string, false or 0 in
     * a field that is {@code omitempty} and not a pointer ({@code value: ""}), and empty lists and maps anywhere
     * ({@code imagePullSecrets: []}, {@code rules: []}): the server stores objects as protobuf, where an empty
     * list is no list. Unknown parts (custom resources) are kept as they are. {@code value} is a mutable tree.
     */
    @SuppressWarnings("unchecked")
    static void clean(SchemaType type, Object value) {
        if (type == null || type.storedAsJson) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            Iterator<Map.Entry<String, Object>> entries = ((Map<String, Object>) map).entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, Object> e = entries.next();
                SchemaType.Field field = type.field(e.getKey());
                SchemaType childType = type.child(e.getKey());
                Object v = e.getValue();
                clean(childType, v);
                if (v == null || field != null && field.dropsEmpty() && isZero(v)
                        || childType != null && (childType.shape == SchemaType.Shape.LIST
                                || childType.shape == SchemaType.Shape.MAP) && isEmpty(v)) {
                    entries.remove();
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> clean(type.element, item));
        }
    }

    private static boolean isZero(Object v) {
        return "".equals(v) || Boolean.FALSE.equals(v) || v instanceof Number n && n.doubleValue() == 0;
    }

    private static boolean isEmpty(Object v) {
        return v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty();
    }

    private Object project(SchemaType type, Object live, Object desired, Path path) {
        if (type == null) {
            return FieldProjection.project(live, desired);
        }
        switch (type.shape) {
            case QUANTITY:
                return Quantity.same(live, desired) ? desired : live;
            case STRUCT:
            case MAP:
                return type.atomic || !(live instanceof Map<?, ?> l) || !(desired instanceof Map<?, ?> d) ? live
                        : projectMap(type, l, d, path);
            case LIST:
                if (!(live instanceof List<?> l) || !(desired instanceof List<?> d)) {
                    return live;
                }
                return type.listKind == SchemaType.ListKind.MAP ? projectMapList(type, l, d, path)
                        : type.listKind == SchemaType.ListKind.SET ? projectSet(l, d, path)
                        : projectAtomic(type, l, d, path);
            default:
                return live;
        }
    }

    private Object projectMap(SchemaType type, Map<?, ?> live, Map<?, ?> desired, Path path) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, desired.size() * 2));
        for (Map.Entry<?, ?> e : live.entrySet()) {
            String key = String.valueOf(e.getKey());
            Path child = new Path(path, key, null, null);
            if (desired.containsKey(key)) {
                out.put(key, project(type.child(key), e.getValue(), desired.get(key), child));
            } else if (!keyOfItem(path, key)) {
                Object removed = removed(type.child(key), e.getValue(), child);
                if (removed != null) {
                    out.put(key, removed);
                }
            }
        }
        return out;
    }

    private Object projectMapList(SchemaType type, List<?> live, List<?> desired, Path path) {
        List<Object> out = new ArrayList<>(live.size());
        List<Object> matched = new ArrayList<>();
        for (Object d : desired) {
            Object l = d instanceof Map<?, ?> dm ? find(live, dm, type.keys) : null;
            if (l != null) {
                matched.add(l);
                out.add(project(type.element, l, d, new Path(path, null, (Map<?, ?>) l, type.keys)));
            }
        }
        for (Object l : live) {
            if (!containsSame(matched, l)) {
                Object removed = l instanceof Map<?, ?> lm ? removed(type.element, l, new Path(path, null, lm, type.keys))
                        : l;
                if (removed != null) {
                    out.add(removed);
                }
            }
        }
        return out;
    }

    private Object projectSet(List<?> live, List<?> desired, Path path) {
        List<Object> out = new ArrayList<>(live.size());
        for (Object d : desired) {
            if (live.stream().anyMatch(l -> Objects.equals(String.valueOf(l), String.valueOf(d)))) {
                out.add(d);
            }
        }
        for (Object l : live) {
            if (desired.stream().noneMatch(d -> Objects.equals(String.valueOf(l), String.valueOf(d)))
                    && removedWhenUnset(new Path(path, "\0" + l, null, null))) {
                out.add(l);
            }
        }
        return out;
    }

    /** The apply replaces an atomic list whole; item by item only to leave out what the server defaulted inside. */
    private Object projectAtomic(SchemaType type, List<?> live, List<?> desired, Path path) {
        if (live.size() != desired.size()) {
            return live;
        }
        List<Object> out = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            Object l = live.get(i);
            // Inside an atomic list nothing is removed field by field: the manifest's items replace the live ones.
            out.add(type.element != null && type.element.shape == SchemaType.Shape.STRUCT && !type.element.atomic
                    && l instanceof Map<?, ?> lm && desired.get(i) instanceof Map<?, ?> dm
                    ? FieldProjection.project(lm, dm) : project(type.element, l, desired.get(i), null));
        }
        return out;
    }

    /**
     * A key field of a map-list item (a port's protocol) is part of the item's identity: the manifest that keeps
     * the item keeps it, and a key it leaves out is the server's default (TCP), not a removal.
     */
    private static boolean keyOfItem(Path path, String field) {
        return path != null && path.keys() != null && path.keys().contains(field);
    }

    private static Object find(List<?> live, Map<?, ?> desired, List<String> keys) {
        for (Object l : live) {
            if (l instanceof Map<?, ?> lm && keys.stream().allMatch(k -> sameKey(lm, desired, k))) {
                return l;
            }
        }
        return null;
    }

    /** Key values compared as text (a port 80 and "80" name one item); a port's protocol defaults to TCP. */
    private static boolean sameKey(Map<?, ?> live, Map<?, ?> desired, String key) {
        Object l = live.get(key);
        Object d = desired.get(key);
        if (key.equals("protocol")) {
            l = l == null ? "TCP" : l;
            d = d == null ? "TCP" : d;
        }
        return Objects.equals(String.valueOf(l), String.valueOf(d));
    }

    private static boolean containsSame(List<Object> list, Object item) {
        return list.stream().anyMatch(x -> x == item);
    }

    private boolean removedWhenUnset(Path path) {
        return owner(path).removedWhenUnset();
    }

    private Ownership owner(Path path) {
        if (resolved == null) {
            resolved = ownership.get();
        }
        return path.resolve(resolved);
    }

    /**
     * What an apply removes of a live value the manifest does not set: all of it when we alone own it; where
     * others own parts too (labels of several managers), the fields and items below that we alone own; null
     * when nothing.
     */
    private Object removed(SchemaType type, Object live, Path path) {
        Ownership owner = owner(path);
        if (owner.removedWhenUnset()) {
            return live;
        }
        if (!owner.shared() || type == null || type.atomic || !(live instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object below = removed(type.child(key), e.getValue(), new Path(path, key, null, null));
            if (below != null) {
                out.put(key, below);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Where a field is, kept cheap because most fields are never asked about their owner. */
    private record Path(Path parent, String field, Map<?, ?> item, List<String> keys) {
        Ownership resolve(Ownership root) {
            Ownership above = parent == null ? root : parent.resolve(root);
            if (field != null && field.startsWith("\0")) {
                return above.value(field.substring(1));
            }
            return field != null ? above.field(field) : above.item(item, keys);
        }
    }

    /** A live object without a namespace is cluster-scoped: the server drops a namespace written on it. */
    static boolean clusterScoped(Map<String, Object> live) {
        return Documents.metadata(live).map(m -> !m.containsKey("namespace")).orElse(false);
    }
}
