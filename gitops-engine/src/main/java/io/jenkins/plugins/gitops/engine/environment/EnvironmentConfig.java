package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.render.LocatedDocument;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.SafeYaml;
import io.jenkins.plugins.gitops.engine.render.Variables;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.util.List;
import java.util.Set;

/**
 * The settings an environment keeps beside its manifests, in {@code .gitops.yaml}: versioned with the
 * desired state, so a reviewer sees an ignore rule change in the same pull request. Read from the same
 * commit, with the same safe loader as manifests.
 */
public record EnvironmentConfig(List<IgnoreRule> ignoreRules) {
    public static final String FILE_NAME = ".gitops.yaml";
    private static final Set<String> KEYS = Set.of("ignoreDifferences");

    public static EnvironmentConfig read(SourceSnapshot snapshot, RenderOptions options) {
        String file = snapshot.path().isEmpty() ? FILE_NAME : snapshot.path() + "/" + FILE_NAME;
        return snapshot.file(file).map(f -> parse(file, f.content(), options)).orElse(new EnvironmentConfig(List.of()));
    }

    static EnvironmentConfig parse(String file, byte[] content, RenderOptions options) {
        List<LocatedDocument> documents = SafeYaml.load(file, content, options, Variables.OFF);
        if (documents.size() > 1) {
            throw new GitopsException(file + ": holds " + documents.size() + " documents; keep the settings in one");
        }
        if (documents.isEmpty()) {
            return new EnvironmentConfig(List.of());
        }
        for (String key : documents.get(0).body().keySet()) {
            if (!KEYS.contains(key)) {
                throw new GitopsException(documents.get(0).origin() + ": unknown setting '" + key
                        + "'; supported: " + String.join(", ", KEYS));
            }
        }
        return new EnvironmentConfig(IgnoreRule.fromConfig(documents.get(0).body(), file));
    }
}
