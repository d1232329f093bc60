package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.util.stream.Collectors;

/**
 * Refuses, before anything is planned or applied, Secrets whose values came from variables for a target that
 * publishes what it stores. Names the Secrets, never a value.
 */
public final class SecretRule {
    private SecretRule() {
    }

    public static void check(Target target, Environment env) {
        if (target.capabilities().acceptsSecretsFromVariables() || env.secretsFromVariables().isEmpty()) {
            return;
        }
        throw new GitopsException("refused: " + env.secretsFromVariables().stream().map(ResourceId::toString)
                .collect(Collectors.joining(", ")) + " would be written to " + target.identity()
                + " with values that came from variables or credentials, which would put a credential into Git."
                + " Keep such a Secret out of this environment: commit a SealedSecret, or an ExternalSecret that"
                + " the cluster resolves, instead; a Secret the repository holds as it is may be written");
    }
}
