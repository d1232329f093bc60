package io.jenkins.plugins.gitops.engine.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of secret variables ({@code --secret-var}, a Jenkins step's {@code credentialVars}): wherever one is
 * substituted, in any kind of resource, the text that leaves the process (a diff, a plan file, a page, an error)
 * shows {@link #MASK} in its place, and a resource holding one enters published digests as a Secret does
 * ({@link StateDigest}). Masking works on the parsed values of a tree, before it is written as YAML, so quoting,
 * escaping or a block scalar cannot split a value and let it through.
 */
public final class SecretValues {
    public static final SecretValues NONE = new SecretValues(List.of());
    /** What a masked value reads as: the same as Jenkins' own masking. */
    public static final String MASK = "****";

    /** Longest first, so that a value holding another is masked whole. */
    private final List<String> values;

    private SecretValues(List<String> values) {
        this.values = values;
    }

    /** The non-empty values among {@code values} (an empty one would mask nothing but everything between). */
    public static SecretValues of(Collection<String> values) {
        List<String> kept = new ArrayList<>(values.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList());
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return kept.isEmpty() ? NONE : new SecretValues(List.copyOf(kept));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The text with every secret value replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return out;
    }

    /** A copy of a tree of maps, lists and scalars with every string (keys too) masked, and a number or boolean whose
     * text holds a value replaced by the masked text; the tree itself is left alone. */
    public Object mask(Object tree) {
        if (values.isEmpty()) {
            return tree;
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(mask(String.valueOf(k)), mask(v)));
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(mask(item)));
            return out;
        }
        // A value substituted into a number or boolean was typed again: its text is the secret all the same.
        return tree instanceof String text ? mask(text) : tree != null && foundIn(tree) ? mask(String.valueOf(tree)) : tree;
    }

    /**
     * A copy of the live side of a comparison, masked as {@link #mask(Object)} does and more: where a field of the
     * desired side holds a secret value, the same field of the live side is masked whole, because what it holds
     * is most likely the value before (a rotated credential), which no one told us is secret.
     */
    public Object maskLive(Object live, Object desired) {
        if (values.isEmpty()) {
            return live;
        }
        if (live instanceof Map<?, ?> liveMap && desired instanceof Map<?, ?> desiredMap) {
            Map<String, Object> out = new LinkedHashMap<>();
            liveMap.forEach((k, v) -> out.put(mask(String.valueOf(k)),
                    desiredMap.containsKey(k) ? maskLive(v, desiredMap.get(k)) : mask(v)));
            return out;
        }
        if (live instanceof List<?> liveList && desired instanceof List<?> desiredList) {
            List<Object> out = new ArrayList<>(liveList.size());
            for (int i = 0; i < liveList.size(); i++) {
                out.add(i < desiredList.size() ? maskLive(liveList.get(i), desiredList.get(i)) : mask(liveList.get(i)));
            }
            return out;
        }
        boolean scalar = live != null && !(live instanceof Map) && !(live instanceof List);
        if (scalar && !(desired instanceof Map) && !(desired instanceof List) && !live.equals(desired)
                && foundIn(desired)) {
            return MASK;
        }
        return mask(live);
    }

    /** Whether any string of the tree (a key or a value) holds a secret value. */
    public boolean foundIn(Object tree) {
        if (values.isEmpty()) {
            return false;
        }
        if (tree instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(e -> foundIn(String.valueOf(e.getKey())) || foundIn(e.getValue()));
        }
        if (tree instanceof List<?> list) {
            return list.stream().anyMatch(this::foundIn);
        }
        String text = tree == null ? null : String.valueOf(tree);
        return text != null && values.stream().anyMatch(text::contains);
    }
}
