package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data of an inventory ConfigMap written by version 0.1 (formats/v1) stays readable, value for value. */
class StoredConfigMapFormatTest {
    @Test
    void readsInventoryConfigMapDataOfFormatOne() throws IOException {
        Map<String, String> data;
        try (InputStream in = getClass().getResourceAsStream("/formats/v1/inventory-configmap-data.json")) {
            data = new ObjectMapper().readValue(in, new TypeReference<>() { });
        }

        Inventory inventory = InventoryConfigMapCodec.decode(data, "gitops-system/gitops-envs-prod");

        assertThat(inventory.resources()).containsExactly(
                new ResourceId("", "ConfigMap", "shop", "settings"),
                new ResourceId("", "Namespace", "", "shop"),
                new ResourceId("", "Secret", "shop", "db"),
                new ResourceId("apps", "Deployment", "shop", "web"));
        assertThat(inventory.history()).containsExactly(new Revision("3c815da9a0e212c36111e45d0755e20d1ebfda3a",
                "envs/prod", "sha256:2d520cbd9e937daa5fd7251380724d4291692d2c9f665cd4463ba844292e6abd",
                Instant.parse("2026-11-28T23:09:29.312948123Z"), "alice", "https://ci.example.com/job/deploy/1/", 4));
    }
}
