package io.jenkins.plugins.gitops.engine.render;

import java.util.Map;

/**
 * How to render: the values for {@code ${VAR}} substitution and the limits that keep a hostile or broken
 * manifest from exhausting memory (document size, aliases to collections, nesting depth).
 */
public record RenderOptions(Map<String, String> variables, int maxDocumentBytes, int maxAliases, int maxNestingDepth) {
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
    public static final int DEFAULT_MAX_ALIASES = 50;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 100;

    public RenderOptions {
        variables = Map.copyOf(variables);
        if (maxDocumentBytes <= 0 || maxAliases < 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static RenderOptions defaults() {
        return new RenderOptions(Map.of(), DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NESTING_DEPTH);
    }

    public RenderOptions withVariables(Map<String, String> newVariables) {
        return new RenderOptions(newVariables, maxDocumentBytes, maxAliases, maxNestingDepth);
    }
}
