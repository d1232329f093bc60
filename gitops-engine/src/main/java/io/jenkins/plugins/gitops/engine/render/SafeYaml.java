package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Safe loading of YAML and JSON (JSON is YAML) into plain Java values, each document located by file
 * and line. No type is ever instantiated from a tag; aliases, nesting and document size are bounded by
 * {@link RenderOptions}; bytes must be UTF-8. Problem messages name the file and line and never quote
 * the document: a secret may be on that line.
 */
public final class SafeYaml {
    private SafeYaml() {
    }

    /**
     * Every non-empty document of {@code content}, each a map.
     *
     * @param file repository-relative name used in origins
     * @param variables {@link Variables#OFF} to keep {@code ${...}} as written
     * @throws InvalidDesiredStateException listing every problem found
     */
    public static List<LocatedDocument> load(String file, byte[] content, RenderOptions options, Variables variables) {
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = load(file, content, options, variables, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDesiredStateException(problems);
        }
        return documents;
    }

    /** Like {@link #load(String, byte[], RenderOptions, Variables)}, adding problems to {@code problems} instead. */
    public static List<LocatedDocument> load(String file, byte[] content, RenderOptions options, Variables variables,
            List<Problem> problems) {
        List<LocatedDocument> documents = new ArrayList<>();
        for (YamlDocuments.Composed document : YamlDocuments.compose(file, content, options, problems)) {
            NodeConstructor.map(document, document.root(), options, variables,
                    mark -> new Origin(file, mark.getLine() + 1), problems)
                    .ifPresent(body -> documents.add(new LocatedDocument(body, new Origin(file, document.line()))));
        }
        return documents;
    }

    /**
     * SnakeYAML's problem, for files read with SnakeYAML elsewhere (the directory target's live files): what is
     * wrong, without the aliases, tags or characters it would quote, which may be a Secret's value.
     */
    public static String problemOf(MarkedYAMLException e) {
        return YamlDocuments.problemOf(e);
    }
}
