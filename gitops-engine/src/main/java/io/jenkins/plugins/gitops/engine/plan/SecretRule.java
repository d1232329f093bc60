package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses, before anything is planned or applied, for a target that publishes what it stores: Secrets whose values
 * came from variables, and any resource holding the value of a secret variable (a token in a ConfigMap is as much
 * a credential). Names the resources, never a value.
 */
public final class SecretRule {
    private SecretRule() {
    }

    public static void check(Target target, Environment env) {
        if (target.capabilities().acceptsSecretsFromVariables()) {
            return;
        }
        SortedSet<ResourceId> refused = new TreeSet<>(env.secretsFromVariables());
        env.desired().resources().stream().filter(r -> env.secrets().foundIn(r.body())).map(Resource::id)
                .forEach(refused::add);
        if (refused.isEmpty()) {
            return;
        }
        throw new GitopsException("refused: " + refused.stream().map(ResourceId::toString)
                .collect(Collectors.joining(", ")) + " would be written to " + target.identity()
                + " with values that came from variables or credentials, which would put a credential into Git."
                + " Keep such a Secret out of this environment: commit a SealedSecret, or an ExternalSecret that"
                + " the cluster resolves, instead; a Secret the repository holds as it is may be written");
    }
}
