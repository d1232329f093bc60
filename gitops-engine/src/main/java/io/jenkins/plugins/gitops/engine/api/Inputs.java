package io.jenkins.plugins.gitops.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a rendering takes besides the source: values for {@code ${VAR}} (these win over the files), files of
 * {@code KEY=VALUE} lines (later files win), extra ignore rules
 * ({@code KIND[.GROUP][/[NAMESPACE/]NAME]=/json/pointer[,...]}) added to the environment's {@code .gitops.yaml},
 * and secret variables, given or in files of the same form: substituted as the others (winning over them), but
 * their values are masked in every diff, plan file and message, and a resource holding one is as sensitive as a
 * Secret.
 */
public record Inputs(Map<String, String> variables, List<Path> variableFiles, List<String> ignoreRules,
        Map<String, String> secretVariables, List<Path> secretVariableFiles) {
    public static final Inputs NONE = new Inputs(Map.of(), List.of(), List.of());

    public Inputs {
        variables = Map.copyOf(variables);
        variableFiles = List.copyOf(variableFiles);
        ignoreRules = List.copyOf(ignoreRules);
        secretVariables = Map.copyOf(secretVariables);
        secretVariableFiles = List.copyOf(secretVariableFiles);
    }

    /** Inputs without secret variables. */
    public Inputs(Map<String, String> variables, List<Path> variableFiles, List<String> ignoreRules) {
        this(variables, variableFiles, ignoreRules, Map.of(), List.of());
    }
}
