package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.render.HelmSettings;
import io.jenkins.plugins.gitops.engine.render.JsonnetSettings;
import io.jenkins.plugins.gitops.engine.render.LocatedDocument;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.SafeYaml;
import io.jenkins.plugins.gitops.engine.render.Variables;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings an environment keeps beside its manifests, in {@code .gitops.yaml}: versioned with the
 * desired state, so a reviewer sees an ignore rule, a substitution switch or a chart value change in the same
 * pull request. Read from the same commit, with the same safe loader as manifests.
 *
 * <p>Substitution: {@code substitute: true} or a {@code variables:} map (defaults that supplied values override)
 * turns it on; {@code substitute: false} keeps it off even when variables are supplied; without either, it is on
 * exactly when variables are supplied.
 */
public record EnvironmentConfig(List<IgnoreRule> ignoreRules, Optional<Boolean> substitute,
        Map<String, String> variables, Optional<HelmSettings> helm, Optional<JsonnetSettings> jsonnet) {
    public static final String FILE_NAME = ".gitops.yaml";
    private static final Set<String> KEYS = new TreeSet<>(Set.of("ignoreDifferences", "substitute", "variables",
            "helm", "jsonnet"));
    private static final Set<String> HELM_KEYS = new TreeSet<>(Set.of("releaseName", "namespace", "valuesFiles",
            "values", "kubeVersion", "apiVersions"));
    private static final EnvironmentConfig NONE = new EnvironmentConfig(List.of(), Optional.empty(), Map.of(),
            Optional.empty(), Optional.empty());

    public EnvironmentConfig {
        ignoreRules = List.copyOf(ignoreRules);
        variables = Map.copyOf(variables);
    }

    public static EnvironmentConfig read(SourceSnapshot snapshot, RenderOptions options) {
        String file = snapshot.path().isEmpty() ? FILE_NAME : snapshot.path() + "/" + FILE_NAME;
        return snapshot.file(file).map(f -> parse(file, f.content(), options)).orElse(NONE);
    }

    /** The options to render this environment with: the supplied ones, as this configuration changes them. */
    public RenderOptions renderOptions(RenderOptions supplied, Progress progress) {
        // The target's namespace stands for a release namespace this file does not name.
        RenderOptions withHelm = helm.map(h -> supplied.withHelm(h.namespace() != null ? h
                : h.withNamespace(supplied.helm().namespace()))).orElse(supplied);
        RenderOptions options = jsonnet.map(withHelm::withJsonnet).orElse(withHelm);
        if (substitute.filter(Boolean.FALSE::equals).isPresent()) {
            if (!supplied.variables().isEmpty()) {
                progress.warn(FILE_NAME + " says substitute: false, so the variables given are not used and ${...}"
                        + " stays as written");
            }
            return options.withSubstitute(false);
        }
        if (substitute.isPresent() || !variables.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(variables);
            merged.putAll(supplied.variables());
            return options.withVariables(merged).withSubstitute(true);
        }
        return options;
    }

    static EnvironmentConfig parse(String file, byte[] content, RenderOptions options) {
        List<LocatedDocument> documents = SafeYaml.load(file, content, options, Variables.OFF);
        if (documents.size() > 1) {
            throw new GitopsException(file + ": holds " + documents.size() + " documents; keep the settings in one");
        }
        if (documents.isEmpty()) {
            return NONE;
        }
        Map<String, Object> body = documents.get(0).body();
        checkKeys(body, KEYS, documents.get(0).origin().toString(), "setting");
        Object substitute = body.get("substitute");
        if (substitute != null && !(substitute instanceof Boolean)) {
            throw new GitopsException(file + ": substitute must be true or false");
        }
        return new EnvironmentConfig(IgnoreRule.fromConfig(body, file), Optional.ofNullable((Boolean) substitute),
                variables(body.get("variables"), file), helm(body.get("helm"), file),
                Optional.ofNullable(body.get("jsonnet")).map(section -> JsonnetSettings.fromConfig(section, file)));
    }

    private static Map<String, String> variables(Object section, String file) {
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new GitopsException(file + ": variables must be a map of NAME: value");
        }
        Map<String, String> values = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (!Variables.NAME.matcher(String.valueOf(name)).matches()) {
                throw new GitopsException(file + ": variables: " + name + " is not a variable name (letters, digits"
                        + " and '_', not starting with a digit)");
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new GitopsException(file + ": variables: " + name + " must be a single value, not a list or map");
            }
            values.put(String.valueOf(name), value == null ? "" : String.valueOf(value));
        });
        return values;
    }

    private static Optional<HelmSettings> helm(Object section, String file) {
        if (section == null) {
            return Optional.empty();
        }
        String where = file + ": helm";
        if (!(section instanceof Map<?, ?> raw)) {
            throw new GitopsException(where + " must be a map with the keys " + HELM_KEYS);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) raw;
        checkKeys(map, HELM_KEYS, where, "key");
        if (map.containsKey("apiVersions")) {
            // helm-java 0.0.21 offers no --api-versions; accepting the key and ignoring it would render charts
            // that test .Capabilities.APIVersions differently from what the reviewer expects.
            throw new GitopsException(where + ".apiVersions is not supported yet: the embedded Helm cannot set API"
                    + " capabilities; set the chart's own switch for the API in helm.values instead");
        }
        Object values = map.getOrDefault("values", Map.of());
        if (!(values instanceof Map<?, ?>)) {
            throw new GitopsException(where + ".values must be a map of chart values");
        }
        Object files = map.getOrDefault("valuesFiles", List.of());
        if (!(files instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new GitopsException(where + ".valuesFiles must be a list of file names relative to the chart");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> chartValues = (Map<String, Object>) values;
        return Optional.of(new HelmSettings(text(map, "releaseName", where), text(map, "namespace", where),
                new ArrayList<>(list.stream().map(String.class::cast).toList()), chartValues,
                text(map, "kubeVersion", where), file));
    }

    private static String text(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new GitopsException(where + "." + key + " must be a string (quote it)");
        }
        return (String) value;
    }

    private static void checkKeys(Map<String, Object> map, Set<String> known, String where, String what) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new GitopsException(where + ": unknown " + what + " '" + key + "'; supported: "
                        + String.join(", ", known));
            }
        }
    }
}
