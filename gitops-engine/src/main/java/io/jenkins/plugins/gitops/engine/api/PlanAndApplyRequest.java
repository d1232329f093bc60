package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;

/** Plan and apply at once, under one lock, without a saved plan to review. */
public record PlanAndApplyRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, boolean prune,
        ApplyOptions options, Wait health) {
}
