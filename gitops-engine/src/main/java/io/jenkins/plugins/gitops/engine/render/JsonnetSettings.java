package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the environment evaluates its Jsonnet files, as Argo CD's {@code directory.jsonnet}: top-level arguments,
 * external variables, and library directories (repository-relative, searched after the importing file's own
 * directory and the environment directory, the last one first, as {@code jsonnet -J}). {@code origin} names where
 * the settings were written, for errors.
 */
public record JsonnetSettings(Map<String, Argument> tlas, Map<String, Argument> extVars, List<String> libs,
        String origin) {
    public static final JsonnetSettings DEFAULTS = new JsonnetSettings(Map.of(), Map.of(), List.of(), "");
    private static final Set<String> KEYS = new TreeSet<>(Set.of("tlas", "extVars", "libs"));
    private static final Set<String> ARGO_KEYS = new TreeSet<>(Set.of("name", "value", "code"));

    public JsonnetSettings {
        tlas = Collections.unmodifiableMap(new LinkedHashMap<>(tlas));
        extVars = Collections.unmodifiableMap(new LinkedHashMap<>(extVars));
        libs = List.copyOf(libs);
    }

    /**
     * One top-level argument or external variable. A string that is not {@code code} is passed as a string
     * ({@code --tla-str}); {@code code} is Jsonnet source ({@code --tla-code}); any other value (a number, boolean,
     * null, list or map written in YAML) is passed as its JSON, which is Jsonnet.
     */
    public record Argument(Object value, boolean code) {
    }

    /**
     * The {@code jsonnet:} section of {@code .gitops.yaml} ({@code file}). {@code tlas} and {@code extVars} are maps
     * of name to value, or Argo CD's list of {@code {name, value, code}} so an Application's settings can be copied.
     *
     * @throws GitopsException naming the file and the setting when the section is malformed
     */
    public static JsonnetSettings fromConfig(Object section, String file) {
        String where = file + ": jsonnet";
        if (!(section instanceof Map<?, ?> map)) {
            throw new GitopsException(where + " must be a map with the keys " + KEYS);
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new GitopsException(where + ": unknown key '" + key + "'; supported: " + String.join(", ", KEYS));
            }
        }
        return new JsonnetSettings(arguments(map.get("tlas"), where + ".tlas"),
                arguments(map.get("extVars"), where + ".extVars"), libs(map.get("libs"), where + ".libs"), file);
    }

    private static Map<String, Argument> arguments(Object section, String where) {
        Map<String, Argument> arguments = new LinkedHashMap<>();
        if (section == null) {
            return arguments;
        }
        if (section instanceof Map<?, ?> map) {
            map.forEach((name, value) -> arguments.put(name(name, where),
                    new Argument(value, !(value instanceof String))));
            return arguments;
        }
        if (!(section instanceof List<?> list)) {
            throw new GitopsException(where + " must be a map of name: value (or Argo CD's list of name, value, code)");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> entry) || !ARGO_KEYS.containsAll(entry.keySet().stream()
                    .map(String::valueOf).toList())) {
                throw new GitopsException(where + ": each item must be a map with the keys " + ARGO_KEYS);
            }
            String name = name(entry.get("name"), where);
            Object value = entry.get("value");
            Object code = entry.containsKey("code") ? entry.get("code") : Boolean.FALSE;
            if (value instanceof Map<?, ?> || value instanceof List<?> || !(code instanceof Boolean)) {
                throw new GitopsException(where + ": " + name + ": value must be a single value and code true or"
                        + " false");
            }
            if (arguments.put(name, new Argument(value == null ? "" : String.valueOf(value), (Boolean) code)) != null) {
                throw new GitopsException(where + ": " + name + " is given twice; keep one");
            }
        }
        return arguments;
    }

    private static String name(Object name, String where) {
        if (!(name instanceof String text) || text.isEmpty()) {
            throw new GitopsException(where + ": every name must be a non-empty string");
        }
        return text;
    }

    private static List<String> libs(Object section, String where) {
        if (section == null) {
            return List.of();
        }
        if (!(section instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new GitopsException(where + " must be a list of directories relative to the repository root");
        }
        List<String> libs = new ArrayList<>();
        for (Object lib : list) {
            try {
                libs.add(RepoPaths.normalize((String) lib));
            } catch (GitopsException e) {
                throw new GitopsException(where + ": " + e.getMessage(), e);
            }
        }
        return libs;
    }
}
