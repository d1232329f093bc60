package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.Collection;
import java.util.List;

/**
 * What only a target that records its own changes does: name who changed objects behind the engine's back, so
 * that verify reports a cause with the drift. A target offers it through {@link Target#changeHistory()}.
 */
@FunctionalInterface
public interface ChangeHistory {

    /** Who or what changed these drifted objects outside the engine, one line each; empty when unknown. */
    List<String> driftCauses(Collection<ResourceId> drifted);
}
