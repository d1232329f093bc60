package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;

/** What a plan would say of one object: whether it changes, its diff and the changed field paths. */
public record CompareResponse(ResourceId id, boolean changed, String unifiedDiff, List<String> paths) {
    public CompareResponse {
        paths = List.copyOf(paths);
    }
}
