package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of an apply: the plan it carried out, one outcome per resource in apply order, the revision
 * recorded in the target's history (null when the apply failed, which is recorded as a failure, or when it neither
 * changed anything nor applied a new revision), and why the inventory and history could not be recorded after the
 * writes (a full disk, say), or null.
 */
public record ApplyResult(Plan plan, List<Outcome> outcomes, @Nullable Revision revision,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String recordError) {
    public ApplyResult {
        outcomes = List.copyOf(outcomes);
    }

    public ApplyResult(Plan plan, List<Outcome> outcomes, Revision revision) {
        this(plan, outcomes, revision, null);
    }

    @JsonProperty("succeeded")
    public boolean succeeded() {
        return recordError == null && outcomes.stream()
                .noneMatch(o -> o.status() != Outcome.Status.DONE && o.status() != Outcome.Status.UNCHANGED);
    }

    @JsonProperty("failures")
    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).toList();
    }
}
