package io.jenkins.plugins.gitops.engine.render;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to render: whether {@code ${VAR}} substitution is on and the values it uses, how Helm charts and Jsonnet
 * files are rendered, and the limits that keep a hostile or broken manifest from exhausting memory or time
 * (document size, aliases to collections, nesting depth).
 *
 * <p>Substitution is opt-in, as Flux's {@code postBuild.substitute}: Grafana dashboards, Prometheus rules and
 * shell scripts hold {@code ${...}} of their own. Supplying variables ({@code --var}, {@code --var-file}, the
 * step's {@code vars}) turns it on; the environment's {@code .gitops.yaml} may turn it on or off (see
 * {@link io.jenkins.plugins.gitops.engine.environment.EnvironmentConfig}).
 *
 * <p>{@code tools} are the variables that find helm and kubectl ({@link #TOOL_VARIABLES}) where they differ from this
 * process's: a Pipeline step runs in the agent's JVM, while {@code withEnv} or a tool installer changes only the
 * build's environment.
 */
public record RenderOptions(Map<String, String> variables, boolean substitute, HelmSettings helm,
        int maxDocumentBytes, int maxAliases, int maxNestingDepth, JsonnetSettings jsonnet, Map<String, String> tools) {
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
    public static final int DEFAULT_MAX_ALIASES = 50;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 100;
    /** The only variables {@code tools} keeps: no other value of a build's environment reaches the engine. */
    public static final Set<String> TOOL_VARIABLES = Set.of("PATH", HelmProcess.HELM_VARIABLE,
            HelmProcess.TIMEOUT_VARIABLE);

    public RenderOptions {
        variables = Map.copyOf(variables);
        tools = Map.copyOf(toolsOf(tools));
        if (maxDocumentBytes <= 0 || maxAliases < 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public RenderOptions(Map<String, String> variables, boolean substitute, HelmSettings helm, int maxDocumentBytes,
            int maxAliases, int maxNestingDepth) {
        this(variables, substitute, helm, maxDocumentBytes, maxAliases, maxNestingDepth, JsonnetSettings.DEFAULTS,
                Map.of());
    }

    public static RenderOptions defaults() {
        return new RenderOptions(Map.of(), false, HelmSettings.DEFAULTS, DEFAULT_MAX_DOCUMENT_BYTES,
                DEFAULT_MAX_ALIASES, DEFAULT_MAX_NESTING_DEPTH);
    }

    /** These values; supplying any turns substitution on. */
    public RenderOptions withVariables(Map<String, String> newVariables) {
        return new RenderOptions(newVariables, substitute || !newVariables.isEmpty(), helm, maxDocumentBytes,
                maxAliases, maxNestingDepth, jsonnet, tools);
    }

    public RenderOptions withSubstitute(boolean on) {
        return new RenderOptions(variables, on, helm, maxDocumentBytes, maxAliases, maxNestingDepth, jsonnet, tools);
    }

    public RenderOptions withHelm(HelmSettings settings) {
        return new RenderOptions(variables, substitute, settings, maxDocumentBytes, maxAliases, maxNestingDepth,
                jsonnet, tools);
    }

    public RenderOptions withJsonnet(JsonnetSettings settings) {
        return new RenderOptions(variables, substitute, helm, maxDocumentBytes, maxAliases, maxNestingDepth, settings,
                tools);
    }

    /** Of an environment, only the {@link #TOOL_VARIABLES}, in a new map. */
    public static Map<String, String> toolsOf(Map<String, String> environment) {
        return environment.entrySet().stream().filter(e -> TOOL_VARIABLES.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** These tool variables (others are dropped) over this process's. */
    public RenderOptions withTools(Map<String, String> newTools) {
        return new RenderOptions(variables, substitute, helm, maxDocumentBytes, maxAliases, maxNestingDepth, jsonnet,
                newTools);
    }

    /** The environment that finds helm and kubectl: this process's, with {@code tools} over it. */
    Map<String, String> toolEnvironment() {
        if (tools.isEmpty()) {
            return System.getenv();
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(tools);
        return env;
    }

    /** The variables to substitute with, or {@link Variables#OFF}. */
    Variables substitution() {
        return substitute ? Variables.of(variables) : Variables.OFF;
    }
}
