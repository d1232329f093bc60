package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;

/**
 * Plan and apply at once, under one lock, without a saved plan to review. {@code bodies}: whether the result's plan
 * keeps the whole body of each create and delete as its diff ({@link PlanRequest}).
 */
public record PlanAndApplyRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, boolean prune,
        ApplyOptions options, Wait health, boolean bodies) {
    /** Every body kept. */
    public PlanAndApplyRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, boolean prune,
            ApplyOptions options, Wait health) {
        this(source, inputs, target, diff, prune, options, health, true);
    }
}
