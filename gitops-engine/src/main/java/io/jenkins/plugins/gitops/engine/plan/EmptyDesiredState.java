package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import java.util.List;

/**
 * An empty desired state never prunes unless asked to. A path that renders nothing (a folder turned into a
 * submodule, manifests in a format nothing renders, a kustomization that selects nothing) reads as "delete
 * everything", and a plan would do just that. Argo CD's automated sync refuses the same.
 */
public final class EmptyDesiredState {
    private EmptyDesiredState() {
    }

    /** @throws GitopsException when the environment renders nothing and {@code changes} delete something */
    public static void check(Environment env, List<Change> changes, boolean allowEmpty) {
        if (allowEmpty || !env.desired().resources().isEmpty()) {
            return;
        }
        long deletes = changes.stream().filter(c -> c.action() == Action.DELETE).count();
        if (deletes > 0) {
            throw new GitopsException("path '" + env.path() + "' at commit " + env.commit().substring(0,
                    Math.min(7, env.commit().length())) + " renders no resources, so this would delete all " + deletes
                    + " resource(s) the target holds for it; nothing was planned or applied. Check the path and its"
                    + " files (see the warnings above)", Remedy.of(Remedy.Kind.ALLOW_EMPTY));
        }
    }
}
