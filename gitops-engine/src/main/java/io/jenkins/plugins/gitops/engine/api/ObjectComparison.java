package io.jenkins.plugins.gitops.engine.api;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiffer;
import io.jenkins.plugins.gitops.engine.diff.Schemas;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import io.jenkins.plugins.gitops.engine.render.LocatedDocument;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.SafeYaml;
import io.jenkins.plugins.gitops.engine.render.Variables;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gitops compare}: the Kubernetes target's client diff (the differ its plans and verifies use, in its
 * scope and with its field manager) on one manifest and one live object read from files; a custom resource is
 * typed by the CRDs given, as a plan types it by the CRD in its desired state or the server's OpenAPI.
 */
final class ObjectComparison {
    private ObjectComparison() {
    }

    static CompareResponse compare(CompareRequest request) {
        Map<String, Object> desired = one(request.desired(), "DESIRED");
        Map<String, Object> live = one(request.live(), "LIVE");
        ResourceId id = id(desired, request.desired());
        if (!id.equals(id(live, request.live()).withNamespace(id.namespace()))) {
            throw new GitopsException(request.live() + " holds " + id(live, request.live()) + ", not " + id
                    + " of " + request.desired() + ": compare an object with its own manifest.");
        }
        List<IgnoreRule> rules = request.ignores().stream().map(IgnoreRule::parse).toList();
        String manager = request.fieldManager() != null ? request.fieldManager()
                : KubernetesTargetConfig.DEFAULT_FIELD_MANAGER;
        List<Map<String, Object>> definitions = request.crds().stream()
                .flatMap(file -> documents(file, "--crd").stream().map(LocatedDocument::body)).toList();
        ResourceDiff diff = new ResourceDiffer(rules, DiffScope.DESIRED_FIELDS, SecretValues.NONE, manager,
                Schemas.of(definitions, groupVersion -> Optional.empty())).diff(id, live, desired);
        return new CompareResponse(id, diff.changed(), diff.unifiedDiff(), diff.paths());
    }

    private static Map<String, Object> one(Path file, String role) {
        List<LocatedDocument> documents = documents(file, role);
        if (documents.size() != 1) {
            throw new GitopsException(file + " holds " + documents.size() + " documents; " + role
                    + " must be exactly one object (YAML or JSON).");
        }
        return documents.get(0).body();
    }

    private static List<LocatedDocument> documents(Path file, String role) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GitopsException("cannot read " + role + " " + file + ": " + e.getMessage());
        }
        return SafeYaml.load(file.toString(), content, RenderOptions.defaults(), Variables.OFF);
    }

    private static ResourceId id(Map<String, Object> body, Path file) {
        Object apiVersion = body.get("apiVersion");
        Object kind = body.get("kind");
        String name = Documents.metadata(body).flatMap(m -> Documents.string(m, "name")).orElse(null);
        if (!(apiVersion instanceof String v) || !(kind instanceof String k) || name == null) {
            throw new GitopsException(file + ":1: not a Kubernetes object: apiVersion, kind and metadata.name are "
                    + "required.");
        }
        String namespace = Documents.metadata(body).flatMap(m -> Documents.string(m, "namespace")).orElse("");
        return new ResourceId(ResourceId.groupOf(v), k, namespace, name);
    }
}
