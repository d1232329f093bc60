package io.jenkins.plugins.gitops.engine.verify;

import io.jenkins.plugins.gitops.engine.health.ResourceHealth;

import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The target compared with the desired state: the fresh plan, the resources that drifted (any change the
 * plan would make), resources whose health was not Current when checked (empty unless health was checked),
 * whether the target lets health be observed at all (a folder or a Git branch does not: empty
 * {@code unhealthy} then means unknown, not healthy), and what the target knows of who caused the drift.
 */
public record VerifyResult(Plan plan, List<ResourceHealth> unhealthy, boolean healthObserved,
        List<String> driftCauses) {
    public VerifyResult {
        unhealthy = List.copyOf(unhealthy);
        driftCauses = List.copyOf(driftCauses);
    }

    /** A result from a target whose health is observed and that knows nothing of drift causes. */
    public VerifyResult(Plan plan, List<ResourceHealth> unhealthy) {
        this(plan, unhealthy, true, List.of());
    }

    @JsonProperty("drifted")
    public List<Change> drifted() {
        return plan.changes().stream().filter(c -> c.action() != Action.NOOP && c.action() != Action.RUN).toList();
    }

    @JsonProperty("inSync")
    public boolean inSync() {
        return drifted().isEmpty();
    }
}
