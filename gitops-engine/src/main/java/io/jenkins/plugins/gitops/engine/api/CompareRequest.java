package io.jenkins.plugins.gitops.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * One object's manifest ({@code desired}, YAML or JSON) and the object as the cluster holds it ({@code live}, as
 * {@code kubectl get -o yaml --show-managed-fields} prints it), compared offline with the Kubernetes target's
 * client diff. {@code ignores} in the CLI form of {@code IgnoreRule}; {@code fieldManager} null: the target's
 * default.
 */
public record CompareRequest(Path desired, Path live, List<String> ignores, String fieldManager) {
    public CompareRequest {
        ignores = List.copyOf(ignores);
    }
}
