package io.jenkins.plugins.gitops.engine.model;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;

/** Helpers for the plain tree form of a manifest: {@code Map<String,Object>}, {@code List<Object>} and scalars. */
public final class Documents {
    private Documents() {
    }

    /**
     * A tree nobody can change afterwards. A tree that is already frozen (by this method or {@link #freeze}) is
     * returned as it is: every resource and live object passes through here, and copying 10,000 bodies twice per
     * plan is most of what the garbage collector would have to move.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> immutableCopy(Map<String, ?> map) {
        return map instanceof FrozenMap frozen ? frozen : (Map<String, Object>) copy(map, false);
    }

    /** A deep copy to change, for normalization and masking. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mutableCopy(Map<String, ?> map) {
        return (Map<String, Object>) copy(map, true);
    }

    /**
     * Makes a tree its caller has just built, and hands over, immutable without copying it: maps and lists are
     * wrapped where they stand. The caller must keep no other reference it could change the tree through.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> freeze(Map<String, Object> tree) {
        return (Map<String, Object>) freezeValue(tree);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof FrozenMap || value instanceof FrozenList) {
            return value;
        }
        if (value instanceof Map<?, ?> map && stringKeys(map)) {
            Map<String, Object> owned = (Map<String, Object>) map;
            owned.replaceAll((k, v) -> freezeValue(v));
            return new FrozenMap(owned);
        }
        if (value instanceof List<?> list) {
            List<Object> owned = (List<Object>) list;
            owned.replaceAll(Documents::freezeValue);
            return new FrozenList(owned);
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? copy(value, false) : value;
    }

    /**
     * Whether every key is a string. A loop, not a stream: it runs for every map of every object read and digested,
     * and a stream pipeline per map was a tenth of reading 10,000 live objects.
     */
    static boolean stringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static Object copy(Object value, boolean mutable) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), copy(e.getValue(), mutable));
            }
            return mutable ? out : new FrozenMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(copy(item, mutable));
            }
            return mutable ? out : new FrozenList(out);
        }
        return value;
    }

    /** A read-only view of a map nobody else holds; its children are frozen too. */
    private static final class FrozenMap extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        FrozenMap(Map<String, Object> map) {
            this.map = map;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(map).entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }

    /** A read-only view of a list nobody else holds; its items are frozen too. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
        private final List<Object> list;

        FrozenList(List<Object> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
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
