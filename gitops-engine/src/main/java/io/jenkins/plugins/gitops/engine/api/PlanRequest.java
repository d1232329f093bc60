package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import java.nio.file.Path;

/** Plan what applying the desired state would change; {@code out}, if not null, is where to save the plan. */
public record PlanRequest(Source source, Inputs inputs, TargetSpec target, DiffMode diff, boolean prune, Path out) {
}
