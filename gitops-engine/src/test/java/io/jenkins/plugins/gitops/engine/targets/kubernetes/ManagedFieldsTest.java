package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When server-side apply would remove fields: our manager's fieldsV1 against the manifest, as a real server writes them. */
class ManagedFieldsTest {
    private final ManagedFields fields = new ManagedFields("gitops-pipeline");

    private static Map<String, Object> live(String manager, String operation, Map<String, Object> fieldsV1) {
        return Map.of("metadata", Map.of("name", "web", "managedFields", List.of(
                Map.of("manager", "kube-controller-manager", "operation", "Update",
                        "fieldsV1", Map.of("f:status", Map.of("f:replicas", Map.of()))),
                Map.of("manager", manager, "operation", operation, "fieldsV1", fieldsV1))));
    }

    private static final Map<String, Object> OWNED = Map.of(
            "f:metadata", Map.of("f:labels", Map.of("f:app", Map.of())),
            "f:spec", Map.of("f:replicas", Map.of(), "f:template", Map.of("f:spec", Map.of("f:containers", Map.of(
                    "k:{\"name\":\"web\"}", Map.of(".", Map.of(), "f:image", Map.of(), "f:args", Map.of(
                            "v:\"--verbose\"", Map.of())))))));

    private static Map<String, Object> deployment(Map<String, Object> container, Map<String, Object> labels) {
        return Map.of("metadata", Map.of("name", "web", "labels", labels), "spec", Map.of("replicas", 2,
                "template", Map.of("spec", Map.of("containers", List.of(container)))));
    }

    @Test
    void everyOwnedFieldStillSetMeansNothingIsRemoved() {
        Map<String, Object> same = deployment(Map.of("name", "web", "image", "nginx", "args", List.of("--verbose")),
                Map.of("app", "web"));

        assertThat(fields.ownsMoreThan(live("gitops-pipeline", "Apply", OWNED), same)).isFalse();
    }

    @Test
    void aDroppedFieldListItemOrValueIsARemoval() {
        Map<String, Object> noLabel = deployment(Map.of("name", "web", "image", "nginx", "args", List.of("--verbose")),
                Map.of());
        Map<String, Object> renamedContainer = deployment(Map.of("name", "api", "image", "nginx",
                "args", List.of("--verbose")), Map.of("app", "web"));
        Map<String, Object> droppedArg = deployment(Map.of("name", "web", "image", "nginx", "args", List.of()),
                Map.of("app", "web"));

        assertThat(fields.ownsMoreThan(live("gitops-pipeline", "Apply", OWNED), noLabel)).isTrue();
        assertThat(fields.ownsMoreThan(live("gitops-pipeline", "Apply", OWNED), renamedContainer)).isTrue();
        assertThat(fields.ownsMoreThan(live("gitops-pipeline", "Apply", OWNED), droppedArg)).isTrue();
    }

    @Test
    void fieldsOtherManagersOwnOrThatWeOnlyUpdatedAreNotOurs() {
        Map<String, Object> bare = deployment(Map.of("name", "web"), Map.of());

        assertThat(fields.ownsMoreThan(live("kubectl", "Apply", OWNED), bare)).isFalse();
        assertThat(fields.ownsMoreThan(live("gitops-pipeline", "Update", OWNED), bare)).isFalse();
        assertThat(fields.ownsMoreThan(Map.of("metadata", Map.of("name", "web")), bare)).isFalse();
    }

    @Test
    void aPortKeyedWithTheProtocolTheServerDefaultedIsTheManifestsPortWithoutOne() {
        // As a real server records a container port applied without a protocol.
        Map<String, Object> owned = Map.of("f:spec", Map.of("f:ports", Map.of(
                "k:{\"containerPort\":8080,\"protocol\":\"TCP\"}", Map.of(".", Map.of(), "f:containerPort", Map.of(),
                        "f:protocol", Map.of()))));
        Map<String, Object> live = live("gitops-pipeline", "Apply", owned);

        assertThat(fields.ownsMoreThan(live, Map.of("spec", Map.of("ports", List.of(Map.of("containerPort", 8080))))))
                .isFalse();
        assertThat(fields.ownsMoreThan(live, Map.of("spec", Map.of("ports", List.of(Map.of("containerPort", 8080,
                "protocol", "UDP")))))).isTrue();
    }
}
