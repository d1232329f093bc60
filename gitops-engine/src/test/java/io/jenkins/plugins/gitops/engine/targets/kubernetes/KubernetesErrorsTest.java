package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads when the API server says no, or cannot be reached. */
class KubernetesErrorsTest {
    private static final String CONFIG_MAPS = "/api/v1/namespaces/shop/configmaps/settings";
    private final FakeApiServer api = new FakeApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private KubernetesTarget target(KubernetesTargetConfig config) {
        return new KubernetesTarget(config, api.client());
    }

    private static Map<String, Object> status(int code, String reason, String message, List<Map<String, Object>> causes) {
        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "code", code, "reason", reason,
                "message", message, "details", Map.of("causes", causes));
    }

    @Test
    void forbiddenSaysWhichVerbOnWhichResourceInWhichNamespace() {
        api.fail("PATCH", CONFIG_MAPS, 403, status(403, "Forbidden", "configmaps is forbidden", List.of()), 1);

        assertThatThrownBy(() -> target(KubernetesTargetTest.config())
                .apply(KubernetesTargetTest.configMap("shop", "settings", "x")))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("forbidden: patch ConfigMap/shop/settings in namespace shop at http");
    }

    @Test
    void rejectedCredentialsNameTheServer() {
        api.fail("GET", CONFIG_MAPS, 401, status(401, "Unauthorized", "Unauthorized", List.of()), 1);

        assertThatThrownBy(() -> target(KubernetesTargetTest.config())
                .read(List.of(new ResourceId("", "ConfigMap", "shop", "settings"))))
                .hasMessageStartingWith("credentials rejected by " + api.client().getMasterUrl().toString()
                        .replaceAll("/$", ""));
    }

    @Test
    void serverErrorGivesTheStatus() {
        api.fail("DELETE", CONFIG_MAPS, 500, status(500, "InternalError", "etcd leader changed", List.of()), 5);

        assertThatThrownBy(() -> target(KubernetesTargetTest.config())
                .delete(new ResourceId("", "ConfigMap", "shop", "settings")))
                .hasMessageContaining("failed to delete ConfigMap/shop/settings in namespace shop: HTTP 500 InternalError");
    }

    @Test
    void applyConflictNamesTheOtherFieldManagerAndSuggestsForcing() {
        api.fail("PATCH", CONFIG_MAPS, 409, status(409, "Conflict", "Apply failed with 1 conflict",
                List.of(Map.of("type", "FieldManagerConflict", "message", "conflict with \"kubectl-edit\" using v1",
                        "field", ".data.key"))), 1);

        assertThatThrownBy(() -> target(KubernetesTargetTest.config())
                .apply(KubernetesTargetTest.configMap("shop", "settings", "x")))
                .hasMessageContaining("apply of ConfigMap/shop/settings conflicts with field manager(s) kubectl-edit on .data.key")
                .extracting(e -> ((GitopsException) e).remedy().orElseThrow().kind())
                .isEqualTo(Remedy.Kind.FORCE_CONFLICTS);
    }

    @Test
    void immutableFieldNamesTheFieldAndSuggestsReplacingWithoutEchoingTheValue() {
        api.fail("PATCH", CONFIG_MAPS, 422, immutable(), 1);

        assertThatThrownBy(() -> target(KubernetesTargetTest.config())
                .apply(KubernetesTargetTest.configMap("shop", "settings", "x")))
                .hasMessageContaining("cannot update ConfigMap/shop/settings: field data is immutable")
                .hasMessageNotContaining("s3cr3t")
                .extracting(e -> ((GitopsException) e).remedy().orElseThrow().kind())
                .isEqualTo(Remedy.Kind.REPLACE_IMMUTABLE);
    }

    @Test
    void replaceImmutableDeletesAndRecreates() {
        KubernetesTarget target = target(KubernetesTargetTest.config().toBuilder().replaceImmutable(true).build());
        target.apply(KubernetesTargetTest.configMap("shop", "settings", "old"));
        String uid = api.client().configMaps().inNamespace("shop").withName("settings").get().getMetadata().getUid();
        api.fail("PATCH", CONFIG_MAPS, 422, immutable(), 1);

        target.apply(KubernetesTargetTest.configMap("shop", "settings", "new"));

        var now = api.client().configMaps().inNamespace("shop").withName("settings").get();
        assertThat(now.getData()).containsEntry("key", "new");
        assertThat(now.getMetadata().getUid()).isNotEqualTo(uid);
    }

    private static Map<String, Object> immutable() {
        return status(422, "Invalid", "ConfigMap \"settings\" is invalid: data: Invalid value: \"s3cr3t\": field is immutable",
                List.of(Map.of("reason", "FieldValueInvalid", "message", "Invalid value: \"s3cr3t\": field is immutable",
                        "field", "data")));
    }

    @Test
    void unreachableClusterNamesTheUrlAndTheOptionsToCheck(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, KubernetesClientsTest.kubeconfig("http://127.0.0.1:" + closedPort, "dev"));
        KubernetesTargetConfig config = KubernetesTargetTest.config().toBuilder().kubeconfig(kubeconfig).context("dev").build();

        try (KubernetesTarget target = new KubernetesTarget(config)) {
            assertThat(target.identity()).isEqualTo("k8s:http://127.0.0.1:" + closedPort + "#dev/gitops-system/envs-prod");
            assertThatThrownBy(() -> target.read(List.of(new ResourceId("", "ConfigMap", "shop", "settings"))))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("cannot reach the Kubernetes API server at http://127.0.0.1:" + closedPort)
                    .hasMessageContaining("connection refused")
                    .extracting(e -> ((GitopsException) e).remedy().orElseThrow().kind())
                    .isEqualTo(Remedy.Kind.KUBECONFIG);
        }
    }
}
