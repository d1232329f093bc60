package io.jenkins.plugins.gitops.engine.model;

/** One thing wrong with the desired state, located so a user can fix it. */
public record Problem(Origin origin, String message) {
    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
