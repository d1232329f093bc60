package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.engine.model.Documents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who owns what in a live object, from {@code metadata.managedFields}: the fields our field manager set by
 * server-side apply, and the fields other managers set. An apply removes a field the manifest no longer sets
 * only when we own it and no one else does; a field only others own (a sidecar a webhook injected, an env var
 * added with {@code kubectl edit}) stays.
 *
 * <p>What {@code kubectl apply} (client-side) set is judged by its {@code kubectl.kubernetes.io/last-applied-configuration}
 * annotation, as kubectl itself does: a field it lists and the manifest no longer sets counts as ours, so it is
 * shown as a change. The entries of {@code kubectl-client-side-apply} and {@code before-first-apply} are left out
 * of "others" for that reason. Our apply does not take those fields over (Flux does), so such a change stays
 * until someone removes the field or the annotation: drift that is real, documented in kubernetes-target.md.
 */
final class Ownership {
    static final Set<String> CLIENT_SIDE_APPLY = Set.of("kubectl-client-side-apply", "before-first-apply");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final Ownership NONE = new Ownership(null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node ours;
    private final Node others;

    private Ownership(Node ours, Node others) {
        this.ours = ours;
        this.others = others;
    }

    /** Read from the live object as the server returned it (managedFields and annotations included). */
    static Ownership of(Map<String, ?> live, String fieldManager, SchemaType root) {
        Map<String, Object> metadata = live == null ? null : Documents.metadata(live).orElse(null);
        if (metadata == null) {
            return NONE;
        }
        Node ours = null;
        Node others = null;
        if (metadata.get("managedFields") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> e && e.get("fieldsV1") instanceof Map<?, ?> fields) {
                    Object manager = e.get("manager");
                    if (CLIENT_SIDE_APPLY.contains(manager)) {
                        continue;
                    }
                    boolean mine = fieldManager != null && fieldManager.equals(manager) && "Apply".equals(e.get("operation"));
                    Node set = Node.fromFieldsV1(fields);
                    if (mine) {
                        ours = Node.union(ours, set);
                    } else {
                        others = Node.union(others, set);
                    }
                }
            }
        }
        if (metadata.get("annotations") instanceof Map<?, ?> a && a.get(LAST_APPLIED) instanceof String text) {
            try {
                ours = Node.union(ours, Node.fromObject(JSON.readValue(text, Object.class), root));
            } catch (JsonProcessingException e) {
                // An unreadable annotation tells nothing; the managed fields still do.
            }
        }
        return new Ownership(ours, others);
    }

    Ownership field(String name) {
        return step(n -> n.fields.get(name));
    }

    /** A map list's item, by its key fields' values. */
    Ownership item(Map<?, ?> item, List<String> keys) {
        return step(n -> n.itemByKey(item, keys));
    }

    /** A set's item, by value. */
    Ownership value(Object value) {
        return step(n -> n.values.get(String.valueOf(value)));
    }

    /** An apply that no longer sets this field removes it: we own it and no other manager does. */
    boolean removedWhenUnset() {
        return ours != null && others == null;
    }

    /** Both we and others own parts of it: only its parts we alone own are removed. */
    boolean shared() {
        return ours != null && others != null;
    }

    private Ownership step(java.util.function.Function<Node, Node> next) {
        Node o = ours == null ? null : next.apply(ours);
        Node t = others == null ? null : next.apply(others);
        return o == null && t == null ? NONE : new Ownership(o, t);
    }

    /** A field set: fields by name, map-list items by key values, set items by value. */
    private static final class Node {
        final Map<String, Node> fields = new HashMap<>();
        final List<Map.Entry<Map<?, ?>, Node>> items = new ArrayList<>();
        final Map<String, Node> values = new HashMap<>();

        Node itemByKey(Map<?, ?> item, List<String> keys) {
            for (Map.Entry<Map<?, ?>, Node> e : items) {
                if (keys.stream().allMatch(k -> Objects.equals(keyValue(e.getKey(), k), keyValue(item, k)))) {
                    return e.getValue();
                }
            }
            return null;
        }

        /** A port's protocol defaults to TCP, also in the keys the server records. */
        private static String keyValue(Map<?, ?> item, String key) {
            Object v = item.get(key);
            return v == null && key.equals("protocol") ? "TCP" : String.valueOf(v);
        }

        /** The fieldsV1 format: {@code f:<name>}, {@code k:<json key>}, {@code v:<json value>}, {@code i:<index>}. */
        static Node fromFieldsV1(Map<?, ?> fieldsV1) {
            Node node = new Node();
            for (Map.Entry<?, ?> e : fieldsV1.entrySet()) {
                String key = String.valueOf(e.getKey());
                Node below = e.getValue() instanceof Map<?, ?> m ? fromFieldsV1(m) : new Node();
                if (key.startsWith("f:")) {
                    node.fields.put(key.substring(2), below);
                } else if (key.startsWith("k:") && parse(key.substring(2)) instanceof Map<?, ?> k) {
                    node.items.add(Map.entry(k, below));
                } else if (key.startsWith("v:")) {
                    Object v = parse(key.substring(2));
                    node.values.put(String.valueOf(v), below);
                }
            }
            return node;
        }

        /** The fields a whole applied object (a last-applied-configuration) sets. */
        static Node fromObject(Object value, SchemaType type) {
            Node node = new Node();
            if (value instanceof Map<?, ?> map && (type == null || !type.atomic)) {
                map.forEach((k, v) -> node.fields.put(String.valueOf(k),
                        fromObject(v, type == null ? null : type.child(String.valueOf(k)))));
            } else if (value instanceof List<?> list && type != null && type.shape == SchemaType.Shape.LIST) {
                for (Object item : list) {
                    if (type.listKind == SchemaType.ListKind.MAP && item instanceof Map<?, ?> m) {
                        node.items.add(Map.entry(m, fromObject(m, type.element)));
                    } else if (type.listKind == SchemaType.ListKind.SET) {
                        node.values.put(String.valueOf(item), new Node());
                    }
                }
            }
            return node;
        }

        static Node union(Node a, Node b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            b.fields.forEach((k, v) -> a.fields.merge(k, v, Node::union));
            b.values.forEach((k, v) -> a.values.merge(k, v, Node::union));
            a.items.addAll(b.items);
            return a;
        }

        private static Object parse(String json) {
            try {
                return JSON.readValue(json, Object.class);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }
}
