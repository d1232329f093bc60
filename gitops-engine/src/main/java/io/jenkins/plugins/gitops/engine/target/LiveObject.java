package io.jenkins.plugins.gitops.engine.target;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.Map;

/**
 * An object as the target stores it, with a version token that changes whenever the object changes
 * (a resourceVersion, or a content hash). Plans pin these versions to detect a stale plan.
 */
public record LiveObject(ResourceId id, Map<String, Object> body, String version) {
    public LiveObject {
        body = Documents.immutableCopy(body);
    }
}
