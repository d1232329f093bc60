package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.model.ResourceId;

/** The health of one resource when last checked. */
public record ResourceHealth(ResourceId id, Health health) {
    @Override
    public String toString() {
        return id + ": " + health.status() + (health.reason() == null || health.reason().isEmpty() ? ""
                : " (" + health.reason() + ")");
    }
}
