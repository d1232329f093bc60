package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import java.util.List;

/**
 * One environment, rendered: where it came from (repository, exact commit, path), its desired state and
 * the ignore rules that apply to it (from its {@code .gitops.yaml} and the command line).
 */
public record Environment(String repository, String commit, String path, DesiredState desired,
        List<IgnoreRule> ignoreRules) {
    public Environment {
        ignoreRules = List.copyOf(ignoreRules);
    }
}
