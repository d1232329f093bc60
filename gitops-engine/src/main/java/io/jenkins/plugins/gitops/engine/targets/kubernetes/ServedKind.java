package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** A kind as the API server serves it: at which version (the preferred one), under which plural, and its scope. */
public record ServedKind(String group, String version, String kind, String plural, boolean namespaced) {

    ResourceDefinitionContext context(String atVersion) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(atVersion).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
