package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Server-side apply and field ownership for the fake API server, after structured-merge-diff's rules as the
 * Kubernetes documentation states them ("Server-Side Apply": field management, conflicts, merge strategy):
 *
 * <ul>
 *   <li>each manager's fields are kept in {@code metadata.managedFields} in the fieldsV1 format ({@code f:} fields,
 *       {@code k:} map-list items by their keys, {@code v:} set items, {@code .} the item itself), one entry per
 *       manager and operation;</li>
 *   <li>an apply sets the fields its body sets: maps merge, map lists merge item by item by key, sets are joined,
 *       atomic lists and scalars are replaced ({@link FakeListTypes});</li>
 *   <li>a field another manager owns with a different value is a conflict (409 naming the manager and the field),
 *       unless forced, which takes the field from that manager; the same value is shared;</li>
 *   <li>a field the applier owned, no longer applies and no other manager owns is removed;</li>
 *   <li>a write other than an apply (an update, as {@code kubectl edit} sends) makes its manager the owner of the
 *       fields it changed, taking them from the others, with operation {@code Update}.</li>
 * </ul>
 * Only labels and annotations of {@code metadata} are owned, and {@code status} is not tracked.
 */
final class FakeServerSideApply {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The object after the apply, with its managedFields, or the conflicts (field path, manager) that refused it. */
    record Result(Map<String, Object> object, Map<String, String> conflicts) {
    }

    private FakeServerSideApply() {
    }

    /** @param live the stored object, null to create */
    @SuppressWarnings("unchecked")
    static Result apply(Map<String, Object> live, Map<String, Object> body, String manager, boolean force,
            FakeListTypes types) {
        Map<String, Object> base = live == null ? new LinkedHashMap<>() : copy(live);
        Map<String, Set<List<String>>> owners = owners(base);
        Set<List<String>> applied = fieldsOf(body, types);
        Map<String, String> conflicts = new LinkedHashMap<>();
        owners.forEach((owner, fields) -> {
            if (owner.equals(manager + "\0Apply")) {
                return;
            }
            for (List<String> field : fields) {
                if (applied.contains(field) && !Objects.equals(at(base, field, types), at(body, field, types))) {
                    conflicts.put(text(field), owner.substring(0, owner.indexOf('\0')));
                }
            }
        });
        if (!conflicts.isEmpty() && !force) {
            return new Result(null, conflicts);
        }
        Set<List<String>> previous = owners.getOrDefault(manager + "\0Apply", Set.of());
        owners.remove(manager + "\0Apply");
        owners.values().forEach(fields -> fields.removeIf(f -> conflicts.containsKey(text(f))));
        Map<String, Object> merged = (Map<String, Object>) merge(base, body, List.of(), types);
        Set<List<String>> kept = new HashSet<>(applied);
        owners.values().forEach(kept::addAll);
        previous.stream().filter(f -> !kept.contains(f)).sorted(Comparator.comparingInt(f -> -f.size()))
                .forEach(f -> remove(merged, f, types, kept));
        owners.put(manager + "\0Apply", applied);
        return new Result(withManagedFields(merged, owners, String.valueOf(body.get("apiVersion"))), Map.of());
    }

    /** A write other than an apply: {@code manager} owns the fields whose values it changed or added. */
    static Map<String, Object> update(Map<String, Object> before, Map<String, Object> after, String manager,
            FakeListTypes types) {
        Map<String, Set<List<String>>> owners = owners(before);
        Set<List<String>> changed = new LinkedHashSet<>();
        for (List<String> field : fieldsOf(after, types)) {
            if (!Objects.equals(at(before, field, types), at(after, field, types))) {
                changed.add(field);
            }
        }
        Set<List<String>> current = fieldsOf(after, types);
        owners.values().forEach(fields -> {
            fields.removeAll(changed);
            fields.retainAll(current);
        });
        owners.computeIfAbsent(manager + "\0Update", k -> new LinkedHashSet<>()).addAll(changed);
        return withManagedFields(copy(after), owners, String.valueOf(after.get("apiVersion")));
    }

    /** The fields of an object in the fieldsV1 vocabulary, leaves and list items only. */
    static Set<List<String>> fieldsOf(Map<String, Object> object, FakeListTypes types) {
        Set<List<String>> out = new LinkedHashSet<>();
        object.forEach((key, value) -> {
            if (key.equals("metadata") && value instanceof Map<?, ?> m) {
                for (String owned : List.of("labels", "annotations")) {
                    if (m.get(owned) instanceof Map<?, ?> values) {
                        values.keySet().forEach(k -> out.add(List.of("f:metadata", "f:" + owned, "f:" + k)));
                    }
                }
            } else if (!key.equals("apiVersion") && !key.equals("kind") && !key.equals("status")) {
                fields(value, List.of(key), List.of("f:" + key), types, out);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void fields(Object value, List<String> names, List<String> path, FakeListTypes types,
            Set<List<String>> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            ((Map<String, Object>) map).forEach((k, v) -> fields(v, plus(names, k), plus(path, "f:" + k), types, out));
        } else if (value instanceof List<?> list && !list.isEmpty()
                && types.at(names).kind() != FakeListTypes.Kind.ATOMIC) {
            FakeListTypes.ListType type = types.at(names);
            for (Object item : list) {
                if (type.kind() == FakeListTypes.Kind.SET) {
                    out.add(plus(path, "v:" + write(item)));
                } else {
                    List<String> itemPath = plus(path, "k:" + key((Map<?, ?>) item, type.keys()));
                    out.add(plus(itemPath, "."));
                    ((Map<String, Object>) item).forEach((k, v) ->
                            fields(v, plus(names, k), plus(itemPath, "f:" + k), types, out));
                }
            }
        } else {
            out.add(path);
        }
    }

    /** The value at a field path, null when absent; list items by key, set items by value. */
    private static Object at(Object object, List<String> path, FakeListTypes types) {
        Object node = object;
        List<String> names = new ArrayList<>();
        for (String step : path) {
            if (step.startsWith("f:") && node instanceof Map<?, ?> map) {
                names.add(step.substring(2));
                node = map.get(step.substring(2));
            } else if (step.startsWith("k:") && node instanceof List<?> list) {
                List<String> keys = types.at(names).keys();
                node = list.stream().filter(i -> i instanceof Map<?, ?> m && step.equals("k:" + key(m, keys)))
                        .findFirst().orElse(null);
            } else if (step.startsWith("v:") && node instanceof List<?> list) {
                node = list.stream().anyMatch(i -> step.equals("v:" + write(i))) ? Boolean.TRUE : null;
            } else if (step.equals(".")) {
                node = node == null ? null : Boolean.TRUE; // an item is there or not; its fields are compared apart
            } else {
                return null;
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object live, Object applied, List<String> names, FakeListTypes types) {
        if (live instanceof Map<?, ?> l && applied instanceof Map<?, ?> a) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) l);
            ((Map<String, Object>) a).forEach((k, v) -> out.put(k, merge(out.get(k), v, plus(names, k), types)));
            return out;
        }
        if (live instanceof List<?> l && applied instanceof List<?> a && !names.isEmpty()) {
            FakeListTypes.ListType type = types.at(names);
            if (type.kind() == FakeListTypes.Kind.SET) {
                List<Object> out = new ArrayList<>(l);
                a.stream().filter(item -> !out.contains(item)).forEach(out::add);
                return out;
            }
            if (type.kind() == FakeListTypes.Kind.MAP) {
                List<Object> out = new ArrayList<>(l);
                for (Object item : a) {
                    String key = key((Map<?, ?>) item, type.keys());
                    int i = indexOf(out, key, type.keys());
                    if (i < 0) {
                        out.add(item);
                    } else {
                        out.set(i, merge(out.get(i), item, names, types));
                    }
                }
                return out;
            }
        }
        return applied;
    }

    /** Removes one field or item, then the maps that removal left empty and that no manager owns as such. */
    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> object, List<String> field, FakeListTypes types,
            Set<List<String>> kept) {
        List<String> target = field.get(field.size() - 1).equals(".") ? field.subList(0, field.size() - 1) : field;
        if (target != field && kept.stream().anyMatch(k -> k.size() > target.size()
                && k.subList(0, target.size()).equals(target))) {
            return; // an item whose fields others own stays, with those fields
        }
        Object parent = at(object, target.subList(0, target.size() - 1), types);
        String last = target.get(target.size() - 1);
        if (last.startsWith("f:") && parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).remove(last.substring(2));
        } else if (parent instanceof List<?> list) {
            list.removeIf(item -> last.startsWith("v:") ? last.equals("v:" + write(item))
                    : item instanceof Map<?, ?> m && last.equals("k:" + key(m, keysOf(target, types))));
        } else {
            return;
        }
        List<String> above = target.subList(0, target.size() - 1);
        if (!above.isEmpty() && !kept.contains(above) && at(object, above, types) instanceof Map<?, ?> m && m.isEmpty()
                && above.get(above.size() - 1).startsWith("f:")) {
            remove(object, new ArrayList<>(above), types, kept);
        }
    }

    private static List<String> keysOf(List<String> path, FakeListTypes types) {
        return types.at(path.stream().filter(s -> s.startsWith("f:")).map(s -> s.substring(2)).toList()).keys();
    }

    private static int indexOf(List<Object> items, String key, List<String> keys) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> m && key.equals(key(m, keys))) {
                return i;
            }
        }
        return -1;
    }

    /** An item's key as managedFields writes it; a port's protocol defaults to TCP, as the server defaults it. */
    private static String key(Map<?, ?> item, List<String> keys) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String k : keys.stream().sorted().toList()) {
            Object v = item.get(k);
            key.put(k, v == null && k.equals("protocol") ? "TCP" : v);
        }
        return write(key);
    }

    /** Each manager's fields, keyed by manager and operation, from the object's managedFields. */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<List<String>>> owners(Map<String, Object> object) {
        Map<String, Set<List<String>>> owners = new LinkedHashMap<>();
        if (object.get("metadata") instanceof Map<?, ?> m && m.get("managedFields") instanceof List<?> entries) {
            for (Object entry : entries) {
                Map<String, Object> e = (Map<String, Object>) entry;
                Set<List<String>> fields = owners.computeIfAbsent(e.get("manager") + "\0" + e.get("operation"),
                        k -> new LinkedHashSet<>());
                parse((Map<String, Object>) e.getOrDefault("fieldsV1", Map.of()), List.of(), fields);
            }
        }
        return owners;
    }

    @SuppressWarnings("unchecked")
    private static void parse(Map<String, Object> node, List<String> path, Set<List<String>> out) {
        node.forEach((step, below) -> {
            Map<String, Object> children = (Map<String, Object>) below;
            if (children.isEmpty()) {
                out.add(plus(path, step));
            } else {
                parse(children, plus(path, step), out);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withManagedFields(Map<String, Object> object,
            Map<String, Set<List<String>>> owners, String apiVersion) {
        List<Object> entries = new ArrayList<>();
        owners.forEach((owner, fields) -> {
            if (fields.isEmpty()) {
                return;
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            for (List<String> field : fields) {
                Map<String, Object> node = tree;
                for (String step : field) {
                    node = (Map<String, Object>) node.computeIfAbsent(step, k -> new LinkedHashMap<>());
                }
            }
            String[] mo = owner.split("\0");
            entries.add(Map.of("manager", mo[0], "operation", mo[1], "apiVersion", apiVersion,
                    "fieldsType", "FieldsV1", "fieldsV1", tree));
        });
        ((Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>()))
                .put("managedFields", entries);
        return object;
    }

    /** A field path as the server names it in a conflict: {@code .spec.hostAliases[ip="10.0.0.9"].hostnames}. */
    private static String text(List<String> field) {
        StringBuilder out = new StringBuilder();
        for (String step : field) {
            if (step.startsWith("f:")) {
                out.append('.').append(step.substring(2));
            } else if (!step.equals(".")) {
                out.append('[').append(step.substring(2)).append(']');
            }
        }
        return out.toString();
    }

    private static List<String> plus(List<String> path, String step) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(step);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> object) {
        try {
            return JSON.readValue(JSON.writeValueAsString(object), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
