package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecretMaskerTest {
    private static final ResourceId SECRET = new ResourceId("", "Secret", "shop", "db");
    // Planted values: none of them, nor their base64, may reach a diff.
    private static final String OLD_PASSWORD = "hunter2-old-pw";
    private static final String NEW_PASSWORD = "hunter2-new-pw";
    private static final String USER = "shop-admin-user";
    private static final String TOKEN = "tok-9f8e7d6c";
    private static final String PLAIN = "plain-text-stringdata";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> secret(String password, boolean withToken) {
        return Trees.yaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"%s"}}'
                type: Opaque
                data:
                  user: %s
                  password: %s
                %s
                """.formatted(b64(password), b64(USER), b64(password), withToken ? "  token: " + b64(TOKEN) : ""));
    }

    private static void assertNoPlantedValue(String text) {
        for (String value : List.of(OLD_PASSWORD, NEW_PASSWORD, USER, TOKEN, PLAIN)) {
            assertThat(text).doesNotContain(value, b64(value));
        }
        // Nothing derived from a value: only the fixed tokens follow a data key.
        assertThat(text.lines().filter(l -> l.matches("^[-+ ] {2}(user|password|token|note): .*")))
                .isNotEmpty()
                .allMatch(l -> l.matches("^[-+ ] {2}\\w+: '\\*\\*\\*( \\((before|after)\\))?'$"));
    }

    @ParameterizedTest
    @EnumSource(DiffScope.class)
    void changedValueGetsTwoTokensAndEqualValueOneToken(DiffScope scope) {
        ResourceDiff diff = new ResourceDiffer(List.of(), scope).diff(SECRET, secret(OLD_PASSWORD, false),
                secret(NEW_PASSWORD, false));

        assertThat(diff.changed()).isTrue();
        assertThat(diff.unifiedDiff())
                .contains("-  password: '*** (before)'\n+  password: '*** (after)'\n")
                .contains("   user: '***'\n");
        assertNoPlantedValue(diff.unifiedDiff());
    }

    @Test
    void sameValuesAreUnchanged() {
        ResourceDiff diff = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT).diff(SECRET,
                secret(OLD_PASSWORD, false), secret(OLD_PASSWORD, false));

        assertThat(diff).isEqualTo(ResourceDiff.UNCHANGED);
    }

    @Test
    void addedAndRemovedKeysShowWithoutValues() {
        ResourceDiffer differ = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT);

        String added = differ.diff(SECRET, secret(OLD_PASSWORD, false), secret(OLD_PASSWORD, true)).unifiedDiff();
        String removed = differ.diff(SECRET, secret(OLD_PASSWORD, true), secret(OLD_PASSWORD, false)).unifiedDiff();

        assertThat(added).contains("+  token: '***'\n").doesNotContain("-  token");
        assertThat(removed).contains("-  token: '***'\n").doesNotContain("+  token");
        assertNoPlantedValue(added + removed);
    }

    @Test
    void createAndDeleteMaskEverySection() {
        Map<String, Object> desired = secret(NEW_PASSWORD, true);
        desired.put("stringData", Map.of("note", PLAIN));
        ResourceDiffer differ = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT);

        String created = differ.diff(SECRET, null, desired).unifiedDiff();
        String deleted = differ.diff(SECRET, desired, null).unifiedDiff();

        assertThat(created).contains("+  note: '***'\n", "+  password: '***'\n");
        assertThat(deleted).contains("-  note: '***'\n");
        assertNoPlantedValue(created + deleted);
    }

    @Test
    void stringDataIsComparedWithTheDataTheServerStores() {
        Map<String, Object> desired = secret(OLD_PASSWORD, false);
        desired.remove("data");
        desired.put("stringData", Map.of("user", USER, "password", NEW_PASSWORD));

        ResourceDiff diff = new ResourceDiffer(List.of(), DiffScope.DESIRED_FIELDS)
                .diff(SECRET, secret(OLD_PASSWORD, false), desired);

        assertThat(diff.unifiedDiff()).contains("-  password: '*** (before)'\n+  password: '*** (after)'\n")
                .contains("   user: '***'\n").doesNotContain("stringData");
        assertNoPlantedValue(diff.unifiedDiff());
    }

    @Test
    void stringDataOnBothSidesIsComparedPairwise() {
        Map<String, Object> live = Trees.yaml("{kind: Secret, metadata: {name: db}, stringData: {note: a-" + PLAIN + "}}");
        Map<String, Object> desired = Trees.yaml("{kind: Secret, metadata: {name: db}, stringData: {note: b-" + PLAIN
                + "}}");

        String diff = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT).diff(SECRET, live, desired).unifiedDiff();

        assertThat(diff).contains("-  note: '*** (before)'\n+  note: '*** (after)'\n");
        assertNoPlantedValue(diff);
    }

    @Test
    void otherKindsAndGroupsAreNotMasked() {
        Map<String, Object> body = Trees.yaml("{kind: Secret, metadata: {name: db}, data: {k: visible}}");

        String diff = new ResourceDiffer(List.of(), DiffScope.WHOLE_OBJECT)
                .diff(new ResourceId("example.com", "Secret", "", "db"), null, body).unifiedDiff();

        assertThat(diff).contains("+  k: visible");
    }
}
