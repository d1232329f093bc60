package io.jenkins.plugins.gitops.engine.verify;

import io.jenkins.plugins.gitops.engine.health.ResourceHealth;

import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The target compared with the desired state: the fresh plan, the resources that drifted (any change the
 * plan would make), and resources whose health was not Current when checked (empty unless health was
 * checked).
 */
public record VerifyResult(Plan plan, List<ResourceHealth> unhealthy) {
    public VerifyResult {
        unhealthy = List.copyOf(unhealthy);
    }

    @JsonProperty("drifted")
    public List<Change> drifted() {
        return plan.changes().stream().filter(c -> c.action() != Action.NOOP).toList();
    }

    @JsonProperty("inSync")
    public boolean inSync() {
        return drifted().isEmpty();
    }
}
