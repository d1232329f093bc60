package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a rendering takes besides the source: values for {@code ${VAR}} (these win over the files), files of
 * {@code KEY=VALUE} lines (later files win), extra ignore rules
 * ({@code KIND[.GROUP][/[NAMESPACE/]NAME]=/json/pointer[,...]}) added to the environment's {@code .gitops.yaml},
 * and secret variables, given or in files of the same form: substituted as the others (winning over them), but
 * their values are masked in every diff, plan file and message, and a resource holding one is as sensitive as a
 * Secret. {@code tools}: the variables that find helm and kubectl, where a front end's differ from this process's
 * (a Pipeline step's build environment); empty for this process's own.
 */
public record Inputs(Map<String, String> variables, List<Path> variableFiles, List<String> ignoreRules,
        Map<String, String> secretVariables, List<Path> secretVariableFiles, Map<String, String> tools) {
    public static final Inputs NONE = new Inputs(Map.of(), List.of(), List.of());

    public Inputs {
        variables = Map.copyOf(variables);
        variableFiles = List.copyOf(variableFiles);
        ignoreRules = List.copyOf(ignoreRules);
        secretVariables = Map.copyOf(secretVariables);
        secretVariableFiles = List.copyOf(secretVariableFiles);
        tools = Map.copyOf(toolsOf(tools));
    }

    /** Of an environment, only the variables that find helm and kubectl, as {@link RenderOptions} keeps them, in a new map. */
    public static Map<String, String> toolsOf(Map<String, String> environment) {
        return RenderOptions.toolsOf(environment);
    }

    /** Inputs that find helm and kubectl in this process's environment. */
    public Inputs(Map<String, String> variables, List<Path> variableFiles, List<String> ignoreRules,
            Map<String, String> secretVariables, List<Path> secretVariableFiles) {
        this(variables, variableFiles, ignoreRules, secretVariables, secretVariableFiles, Map.of());
    }

    /** Inputs without secret variables. */
    public Inputs(Map<String, String> variables, List<Path> variableFiles, List<String> ignoreRules) {
        this(variables, variableFiles, ignoreRules, Map.of(), List.of());
    }
}
