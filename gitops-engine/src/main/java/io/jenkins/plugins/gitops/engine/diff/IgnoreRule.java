package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Fields to leave out of the comparison for the resources a rule selects. {@code group}, {@code kind},
 * {@code namespace} and {@code name} select; null or "*" selects any. The kind is compared ignoring case,
 * as kubectl accepts {@code deployment}. {@code jsonPointers} are RFC 6901 pointers, such as
 * {@code /spec/replicas} or {@code /metadata/annotations/example.com~1build}.
 */
public record IgnoreRule(@Nullable String group, @Nullable String kind, @Nullable String namespace,
        @Nullable String name, List<String> jsonPointers) {
    static final String CLI_SYNTAX = "KIND[.GROUP][/NAMESPACE/NAME | /NAME]=POINTER[,POINTER...], for example "
            + "Deployment.apps/web=/spec/replicas or *=/metadata/labels/build";
    private static final String ENTRY_KEYS = "group, kind, namespace, name, jsonPointers";
    private static final Set<String> KNOWN_KEYS = Set.of("group", "kind", "namespace", "name", "jsonPointers");

    public IgnoreRule {
        if (jsonPointers == null || jsonPointers.isEmpty()) {
            throw new IllegalArgumentException("at least one JSON pointer is required, for example /spec/replicas");
        }
        jsonPointers = List.copyOf(jsonPointers);
        jsonPointers.forEach(JsonPointer::parse);
    }

    public boolean matches(ResourceId id) {
        return (any(kind) || kind.equalsIgnoreCase(id.kind()))
                && (any(group) || group.equals(id.group()))
                && (any(namespace) || namespace.equals(id.namespace()))
                && (any(name) || name.equals(id.name()));
    }

    List<JsonPointer> pointers() {
        return jsonPointers.stream().map(JsonPointer::parse).toList();
    }

    private static boolean any(String selector) {
        return selector == null || selector.equals("*");
    }

    /** Reads the CLI form {@value #CLI_SYNTAX}. */
    public static IgnoreRule parse(String spec) {
        int eq = spec == null ? -1 : spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw badSpec(spec, "it needs a resource selector, '=' and at least one JSON pointer");
        }
        String[] path = spec.substring(0, eq).split("/", -1);
        if (path.length > 3 || List.of(path).contains("")) {
            throw badSpec(spec, "the selector has at most KIND.GROUP, NAMESPACE and NAME, separated by single '/'");
        }
        String kindGroup = path[0];
        int dot = kindGroup.indexOf('.');
        String kind = dot < 0 ? kindGroup : kindGroup.substring(0, dot);
        String group = dot < 0 ? null : kindGroup.substring(dot + 1);
        if (kind.isEmpty() || "".equals(group)) {
            throw badSpec(spec, "KIND and GROUP must not be empty");
        }
        String namespace = path.length == 3 ? path[1] : null;
        String name = path.length > 1 ? path[path.length - 1] : null;
        try {
            return new IgnoreRule(group, kind, namespace, name, List.of(spec.substring(eq + 1).split(",", -1)));
        } catch (IllegalArgumentException e) {
            throw badSpec(spec, e.getMessage());
        }
    }

    private static GitopsException badSpec(String spec, String reason) {
        return new GitopsException("Invalid ignore rule '" + spec + "': " + reason + ". Expected " + CLI_SYNTAX + ".");
    }

    /**
     * Reads {@code ignoreDifferences} of an environment file such as {@code .gitops.yaml}:
     * a list of {@code {group, kind, namespace, name, jsonPointers: [...]}}. No such key: no rules.
     */
    public static List<IgnoreRule> fromConfig(Map<String, Object> config, String file) {
        Object section = config == null ? null : config.get("ignoreDifferences");
        if (section == null) {
            return List.of();
        }
        if (!(section instanceof List<?> entries)) {
            throw new GitopsException(file + ": ignoreDifferences must be a list of entries with the keys "
                    + ENTRY_KEYS + ".");
        }
        List<IgnoreRule> rules = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            rules.add(fromEntry(entries.get(i), file + ": ignoreDifferences[" + i + "]"));
        }
        return List.copyOf(rules);
    }

    private static IgnoreRule fromEntry(Object entry, String where) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new GitopsException(where + " must be a mapping with the keys " + ENTRY_KEYS + ".");
        }
        for (Object key : map.keySet()) {
            if (!KNOWN_KEYS.contains(String.valueOf(key))) {
                throw new GitopsException(where + ": unknown key '" + key + "'; the supported keys are " + ENTRY_KEYS
                        + ".");
            }
        }
        String kind = text(map, "kind", where);
        if (kind == null) {
            throw new GitopsException(where + ": 'kind' is required (use '*' for every kind).");
        }
        if (!(map.get("jsonPointers") instanceof List<?> pointers) || pointers.isEmpty()
                || !pointers.stream().allMatch(String.class::isInstance)) {
            throw new GitopsException(where + ": 'jsonPointers' must be a non-empty list of JSON pointers such as "
                    + "/spec/replicas.");
        }
        try {
            return new IgnoreRule(text(map, "group", where), kind, text(map, "namespace", where),
                    text(map, "name", where), pointers.stream().map(String.class::cast).toList());
        } catch (IllegalArgumentException e) {
            throw new GitopsException(where + ": " + e.getMessage() + ".");
        }
    }

    private static String text(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new GitopsException(where + ": '" + key + "' must be a string.");
        }
        return (String) value;
    }
}
