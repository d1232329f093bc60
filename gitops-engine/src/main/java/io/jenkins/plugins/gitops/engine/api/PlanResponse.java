package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The plan, and where it was saved (null when not saved). */
public record PlanResponse(Plan plan, @Nullable Path savedTo) {
    /** The plan as its file holds it, for a build page or {@code -o json}. */
    public String json() {
        return PlanFile.toJson(plan);
    }
}
