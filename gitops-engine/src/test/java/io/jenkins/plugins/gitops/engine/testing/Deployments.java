package io.jenkins.plugins.gitops.engine.testing;

/**
 * The web Deployment in namespace {@code shop}, as a source file holds it: the workload tests write beside the
 * ConfigMaps of {@link ConfigMaps}. It has no pod template: the targets here store it as it is, and nothing runs it.
 */
public final class Deployments {
    private Deployments() {
    }

    public static String web(int replicas) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: "
                + replicas + "\n";
    }
}
