package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of an apply: the plan it carried out, one outcome per resource in apply order, and the
 * revision recorded in the target's history (null when the apply failed, which is recorded as a failure, or when it
 * neither changed anything nor applied a new revision).
 */
public record ApplyResult(Plan plan, List<Outcome> outcomes, Revision revision) {
    public ApplyResult {
        outcomes = List.copyOf(outcomes);
    }

    @JsonProperty("succeeded")
    public boolean succeeded() {
        return outcomes.stream().noneMatch(o -> o.status() != Outcome.Status.DONE && o.status() != Outcome.Status.UNCHANGED);
    }

    @JsonProperty("failures")
    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).toList();
    }
}
