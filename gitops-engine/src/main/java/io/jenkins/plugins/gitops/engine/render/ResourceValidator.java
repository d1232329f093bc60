package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Hook;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Documents to resources: identity fields present and valid, names as Kubernetes accepts them, no duplicates. */
final class ResourceValidator {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private ResourceValidator() {
    }

    static List<Resource> validate(List<LocatedDocument> documents, List<Problem> problems) {
        // Each document is checked (and its resource built, a deep copy) on its own, on every core; duplicates
        // and problems are then gathered in document order.
        List<Checked> checked = documents.parallelStream().map(ResourceValidator::check).toList();
        List<Resource> resources = new ArrayList<>(documents.size());
        Map<ResourceId, Origin> declared = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            Origin origin = documents.get(i).origin();
            checked.get(i).wrong().forEach(message -> problems.add(new Problem(origin, message)));
            Resource resource = checked.get(i).resource();
            if (resource == null) {
                continue;
            }
            Origin first = declared.putIfAbsent(resource.id(), resource.origin());
            if (first != null) {
                problems.add(new Problem(resource.origin(), "duplicate resource " + resource.id()
                        + ": also declared at " + first + "; keep one"));
            } else {
                resources.add(resource);
            }
        }
        return resources;
    }

    /** A document's resource, or null and why not. */
    private record Checked(@Nullable Resource resource, List<String> wrong) {
    }

    private static Checked check(LocatedDocument document) {
        List<String> wrong = new ArrayList<>();
        Resource resource = resource(document, wrong);
        return new Checked(resource, wrong);
    }

    /** The resource, or null when {@code wrong} got a reason. */
    private static Resource resource(LocatedDocument document, List<String> wrong) {
        Map<String, Object> body = document.body();
        String apiVersion = requiredString(body, "apiVersion", "apiVersion", wrong);
        String kind = requiredString(body, "kind", "kind", wrong);
        Object metadata = body.get("metadata");
        if (metadata != null && !(metadata instanceof Map)) {
            wrong.add("metadata must be a map");
            return null;
        }
        Map<String, Object> meta = Documents.metadata(body).orElse(Map.of());
        String name = null;
        String generateName = null;
        if (meta.get("name") == null && meta.get("generateName") != null) {
            if (Hook.annotated(body)) {
                generateName = requiredString(meta, "generateName", "metadata.generateName", wrong);
            } else {
                wrong.add("metadata.generateName is only supported on a hook (run once by every apply, under a name"
                        + " the target picks): a generated name cannot be planned or pruned; set metadata.name, or"
                        + " annotate a run-once Job with " + Hook.HELM + " or " + Hook.ARGO);
            }
        } else {
            name = requiredString(meta, "name", "metadata.name", wrong);
        }
        String namespace = meta.get("namespace") == null ? "" : requiredString(meta, "namespace", "metadata.namespace", wrong);
        String group = apiVersion == null ? "" : ResourceId.groupOf(apiVersion);
        if (name != null) {
            checkName(group, kind == null ? "" : kind, name, wrong);
        }
        if (generateName != null) {
            // The server appends five characters, so the prefix must start a valid name.
            if (generateName.length() > 253 - 5 || !DNS_SUBDOMAIN.matcher(generateName + "x").matches()) {
                wrong.add("metadata.generateName '" + generateName + "' cannot start a valid name: use lowercase"
                        + " letters, digits, '-' and '.', starting with a letter or digit");
            }
        }
        if (namespace != null && !namespace.isEmpty() && !isLabel(namespace)) {
            wrong.add("metadata.namespace '" + namespace + "' is not a valid namespace: use at most 63 lowercase"
                    + " letters, digits and '-', starting and ending with a letter or digit");
        }
        if (!wrong.isEmpty() || apiVersion == null || kind == null || namespace == null
                || name == null && generateName == null) {
            return null;
        }
        ResourceId id = name != null ? new ResourceId(group, kind, namespace, name)
                : ResourceId.generated(group, kind, namespace, generateName);
        return new Resource(id, apiVersion, Documents.freeze(body), document.origin());
    }

    private static void checkName(String group, String kind, String name, List<String> wrong) {
        if (RBAC_GROUP.equals(group)) {
            // RBAC objects accept any path segment, such as system:aggregate-to-edit.
            if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
                wrong.add("metadata.name '" + name + "' is not a valid name: it may not be '.' or '..' nor hold '/' or '%'");
            }
        } else if (group.isEmpty() && kind.equals("Namespace")) {
            if (!isLabel(name)) {
                wrong.add("metadata.name '" + name + "' is not a valid namespace name: use at most 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit");
            }
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            wrong.add("metadata.name '" + name + "' is not a valid name: use at most 253 lowercase letters, digits,"
                    + " '-' and '.', starting and ending with a letter or digit");
        }
    }

    private static boolean isLabel(String value) {
        return value.length() <= 63 && DNS_LABEL.matcher(value).matches();
    }

    private static String requiredString(Map<String, Object> map, String key, String label, List<String> wrong) {
        Object value = map.get(key);
        if (value == null) {
            wrong.add(label + " is missing");
            return null;
        }
        if (!(value instanceof String s) || s.isEmpty()) {
            wrong.add(label + " must be a non-empty string");
            return null;
        }
        return s;
    }
}
