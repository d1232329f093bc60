package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.gitops.engine.model.ResourceId;

/** A kind as the API server serves it: at which version (the preferred one), under which plural, and its scope. */
public record ServedKind(String group, String version, String kind, String plural, boolean namespaced) {

    ResourceDefinitionContext context(String atVersion) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(atVersion).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    /** Where the server keeps an object of this kind: the default namespace when none is named; "" if cluster-scoped. */
    String namespaceOf(ResourceId id, String defaultNamespace) {
        if (!namespaced) {
            return "";
        }
        return id.namespace().isEmpty() ? defaultNamespace : id.namespace();
    }
}
