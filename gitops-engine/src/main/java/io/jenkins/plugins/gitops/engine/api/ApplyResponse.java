package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import java.util.List;

/** What an apply did, and the resources not healthy when the wait ended (empty without a wait). */
public record ApplyResponse(ApplyResult result, List<ResourceHealth> unhealthy) {
    public ApplyResponse {
        unhealthy = List.copyOf(unhealthy);
    }

    /** Applied with no failure and, if waited for, healthy. */
    public boolean succeeded() {
        return result.succeeded() && unhealthy.isEmpty();
    }
}
