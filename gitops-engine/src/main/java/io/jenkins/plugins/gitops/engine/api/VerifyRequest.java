package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.plan.DiffMode;

/** Compare the target with the desired state; health is checked once, or waited for with {@code wait}. */
public record VerifyRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, Wait health) {
}
