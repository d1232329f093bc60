package io.jenkins.plugins.gitops.engine.api;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One object's manifest ({@code desired}, YAML or JSON) and the object as the cluster holds it ({@code live}, as
 * {@code kubectl get -o yaml --show-managed-fields} prints it), compared offline with the Kubernetes target's
 * client diff. {@code ignores} in the CLI form of {@code IgnoreRule}; {@code fieldManager} null: the target's
 * default; {@code crds} files holding the CustomResourceDefinitions whose schemas type a custom resource, as a
 * plan reads them from the desired state or the server.
 */
public record CompareRequest(Path desired, Path live, List<String> ignores, @Nullable String fieldManager,
        List<Path> crds) {
    public CompareRequest {
        ignores = List.copyOf(ignores);
        crds = List.copyOf(crds);
    }

    public CompareRequest(Path desired, Path live, List<String> ignores, @Nullable String fieldManager) {
        this(desired, live, ignores, fieldManager, List.of());
    }
}
