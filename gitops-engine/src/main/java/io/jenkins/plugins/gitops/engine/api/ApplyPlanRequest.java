package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import java.nio.file.Path;

/**
 * Apply a saved plan exactly as reviewed. The source's ref and path default to the plan's commit and path, and
 * the target is opened for the plan's path; {@code inputs} must render the same desired state as for the plan.
 */
public record ApplyPlanRequest(Path planFile, Source source, Inputs inputs, TargetSpec target, ApplyOptions options,
        Wait health) {
}
