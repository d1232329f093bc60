package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import java.util.List;

/** A CRD for tests, and the part of the API server's controller that marks it Established (the mock has none). */
final class WidgetCrd {
    static final String MANIFEST = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;

    private WidgetCrd() {
    }

    /** Waits for the CRD to be created, then sets its Established condition. */
    static void establishWhenCreated(FakeApiServer api) {
        var crds = api.client().apiextensions().v1().customResourceDefinitions().withName("widgets.example.com");
        CustomResourceDefinition crd;
        while ((crd = crds.get()) == null) {
            Thread.onSpinWait();
        }
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setConditions(List.of(new CustomResourceDefinitionConditionBuilder().withType("Established")
                .withStatus("True").build()));
        crd.setStatus(status);
        api.client().resource(crd).update();
    }
}
