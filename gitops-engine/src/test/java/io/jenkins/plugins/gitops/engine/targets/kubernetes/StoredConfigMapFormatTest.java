package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.directory.StoredRecordsFormatTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data of an inventory ConfigMap written by version 0.1 (formats/v1) and by the version before the stored-format
 * policy (formats/v1-events) stays readable, value for value, and so does one of a newer version that only added
 * fields; one of a higher format is refused as written by a newer version, never as damaged.
 */
class StoredConfigMapFormatTest {
    static final String WHERE = "gitops-system/gitops-envs-prod";

    static Map<String, String> fixture(String name) throws IOException {
        try (InputStream in = StoredConfigMapFormatTest.class.getResourceAsStream("/formats/" + name)) {
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }

    @Test
    void readsDataWrittenBeforeTheFormatPolicyAndWithFieldsOfANewerVersion() throws IOException {
        Inventory before = InventoryConfigMapCodec.decode(fixture("v1-events/inventory-configmap-data.json"), WHERE);
        Inventory newer = InventoryConfigMapCodec.decode(fixture("newer/extra-fields/inventory-configmap-data.json"),
                WHERE);

        StoredRecordsFormatTest.assertIsTheV1EventsInventory(before);
        assertThat(newer).isEqualTo(before);
    }

    @Test
    void refusesDataOfANewerFormatAsSuch() throws IOException {
        Map<String, String> data = fixture("newer/format-2/inventory-configmap-data.json");

        assertThatThrownBy(() -> InventoryConfigMapCodec.decode(data, WHERE))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e).hasMessage("inventory ConfigMap " + WHERE + " was written by a newer version of"
                            + " gitops-pipeline (format 2; this version reads format 1 and older)");
                    assertThat(e.remedy()).contains(Remedy.of(Remedy.Kind.UPGRADE));
                });
    }

    @Test
    void readsInventoryConfigMapDataOfFormatOne() throws IOException {
        Map<String, String> data = fixture("v1/inventory-configmap-data.json");

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
