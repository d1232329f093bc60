package io.jenkins.plugins.gitops.engine.render;

import java.util.Map;

/**
 * How to render: whether {@code ${VAR}} substitution is on and the values it uses, how Helm charts and Jsonnet
 * files are rendered, and the limits that keep a hostile or broken manifest from exhausting memory or time
 * (document size, aliases to collections, nesting depth).
 *
 * <p>Substitution is opt-in, as Flux's {@code postBuild.substitute}: Grafana dashboards, Prometheus rules and
 * shell scripts hold {@code ${...}} of their own. Supplying variables ({@code --var}, {@code --var-file}, the
 * step's {@code vars}) turns it on; the environment's {@code .gitops.yaml} may turn it on or off (see
 * {@link io.jenkins.plugins.gitops.engine.environment.EnvironmentConfig}).
 */
public record RenderOptions(Map<String, String> variables, boolean substitute, HelmSettings helm,
        int maxDocumentBytes, int maxAliases, int maxNestingDepth, JsonnetSettings jsonnet) {
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
    public static final int DEFAULT_MAX_ALIASES = 50;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 100;

    public RenderOptions {
        variables = Map.copyOf(variables);
        if (maxDocumentBytes <= 0 || maxAliases < 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public RenderOptions(Map<String, String> variables, boolean substitute, HelmSettings helm, int maxDocumentBytes,
            int maxAliases, int maxNestingDepth) {
        this(variables, substitute, helm, maxDocumentBytes, maxAliases, maxNestingDepth, JsonnetSettings.DEFAULTS);
    }

    public static RenderOptions defaults() {
        return new RenderOptions(Map.of(), false, HelmSettings.DEFAULTS, DEFAULT_MAX_DOCUMENT_BYTES,
                DEFAULT_MAX_ALIASES, DEFAULT_MAX_NESTING_DEPTH);
    }

    /** These values; supplying any turns substitution on. */
    public RenderOptions withVariables(Map<String, String> newVariables) {
        return new RenderOptions(newVariables, substitute || !newVariables.isEmpty(), helm, maxDocumentBytes,
                maxAliases, maxNestingDepth, jsonnet);
    }

    public RenderOptions withSubstitute(boolean on) {
        return new RenderOptions(variables, on, helm, maxDocumentBytes, maxAliases, maxNestingDepth, jsonnet);
    }

    public RenderOptions withHelm(HelmSettings settings) {
        return new RenderOptions(variables, substitute, settings, maxDocumentBytes, maxAliases, maxNestingDepth,
                jsonnet);
    }

    public RenderOptions withJsonnet(JsonnetSettings settings) {
        return new RenderOptions(variables, substitute, helm, maxDocumentBytes, maxAliases, maxNestingDepth, settings);
    }

    /** The variables to substitute with, or {@link Variables#OFF}. */
    Variables substitution() {
        return substitute ? Variables.of(variables) : Variables.OFF;
    }
}
