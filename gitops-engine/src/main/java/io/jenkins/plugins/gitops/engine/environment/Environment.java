package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One environment, rendered: where it came from (repository, exact commit, path), its desired state, the
 * ignore rules that apply to it (from its {@code .gitops.yaml} and the command line) and the Secrets whose
 * values came from variables rather than from the repository as it is (a target that publishes what it
 * stores refuses those), and the values of its secret variables, masked in everything made from it.
 */
public record Environment(String repository, String commit, String path, DesiredState desired,
        List<IgnoreRule> ignoreRules, Set<ResourceId> secretsFromVariables, String remoteUrl, SecretValues secrets) {
    public Environment {
        ignoreRules = List.copyOf(ignoreRules);
        secretsFromVariables = Collections.unmodifiableSortedSet(new TreeSet<>(secretsFromVariables));
    }

    /** An environment without secret variables. */
    public Environment(String repository, String commit, String path, DesiredState desired,
            List<IgnoreRule> ignoreRules, Set<ResourceId> secretsFromVariables, String remoteUrl) {
        this(repository, commit, path, desired, ignoreRules, secretsFromVariables, remoteUrl, SecretValues.NONE);
    }

    /** An environment read from a repository that links its commits itself (a URL), or not at all. */
    public Environment(String repository, String commit, String path, DesiredState desired,
            List<IgnoreRule> ignoreRules, Set<ResourceId> secretsFromVariables) {
        this(repository, commit, path, desired, ignoreRules, secretsFromVariables, null);
    }

    /** An environment rendered without variables. */
    public Environment(String repository, String commit, String path, DesiredState desired,
            List<IgnoreRule> ignoreRules) {
        this(repository, commit, path, desired, ignoreRules, Set.of());
    }
}
