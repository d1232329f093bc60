package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Plan what applying the desired state would change; {@code out}, if not null, is where to save the plan.
 * {@code pruning}: whether the plan deletes what the desired state no longer has, and everything when it is empty.
 * {@code plannedBy}, if not null, is the build making the plan: recorded in it, so the page of the apply that
 * uses the saved plan can link the build where it was reviewed. {@code name}, if not null, names the environment in
 * the plan (a Pipeline step's {@code name:}), so that the apply of a saved plan is labelled as its plan was.
 * {@code bodies}: whether creates and deletes carry their whole body as their diff (always when {@code out} is set);
 * without, a text plan that shows them as one line each does not spend its time writing them.
 */
public record PlanRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, Pruning pruning,
        @Nullable Path out, @Nullable String plannedBy, @Nullable String name, boolean bodies) {
    /** Every body kept. */
    public PlanRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, Pruning pruning,
            @Nullable Path out, @Nullable String plannedBy, @Nullable String name) {
        this(source, inputs, target, diff, pruning, out, plannedBy, name, true);
    }
}
