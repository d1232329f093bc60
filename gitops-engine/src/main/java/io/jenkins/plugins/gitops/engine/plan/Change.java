package io.jenkins.plugins.gitops.engine.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One resource in a plan. {@code origin} is null for a delete; {@code liveVersion} is null when the object
 * does not exist; {@code diff} is a unified diff with every secret value masked ("" for NOOP); {@code paths}
 * are the changed fields of an update (empty otherwise, and in plan files written before they existed).
 */
public record Change(ResourceId id, Action action, @Nullable Origin origin, @Nullable String liveVersion, String diff,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> paths) {
    public Change {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public Change(ResourceId id, Action action, Origin origin, String liveVersion, String diff) {
        this(id, action, origin, liveVersion, diff, List.of());
    }
}
