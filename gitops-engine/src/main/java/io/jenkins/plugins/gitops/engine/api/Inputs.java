package io.jenkins.plugins.gitops.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a rendering takes besides the source: values for {@code ${VAR}} (these win over the files), files of
 * {@code KEY=VALUE} lines (later files win), and extra ignore rules
 * ({@code KIND[.GROUP][/[NAMESPACE/]NAME]=/json/pointer[,...]}) added to the environment's {@code .gitops.yaml}.
 */
public record Inputs(Map<String, String> variables, List<Path> variableFiles, List<String> ignoreRules) {
    public static final Inputs NONE = new Inputs(Map.of(), List.of(), List.of());

    public Inputs {
        variables = Map.copyOf(variables);
        variableFiles = List.copyOf(variableFiles);
        ignoreRules = List.copyOf(ignoreRules);
    }
}
