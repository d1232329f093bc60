package io.jenkins.plugins.gitops.engine.plan;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;

/**
 * One resource in a plan. {@code origin} is null for a delete; {@code liveVersion} is null when the object
 * does not exist; {@code diff} is a unified diff with every secret value masked ("" for NOOP).
 */
public record Change(ResourceId id, Action action, Origin origin, String liveVersion, String diff) {
}
