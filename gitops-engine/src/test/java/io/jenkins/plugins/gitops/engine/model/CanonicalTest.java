package io.jenkins.plugins.gitops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    /** The canonical JSON is Jackson's with sorted keys, whatever the fast path does. */
    private static final ObjectMapper SORTED_JACKSON = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    @Test
    void nonFiniteNumbersAndTheirNamesAsStringsDiffer() {
        assertThat(Canonical.json(Map.of("x", Double.NaN))).isNotEqualTo(Canonical.json(Map.of("x", "NaN")));
        assertThat(Canonical.json(Map.of("x", Double.POSITIVE_INFINITY)))
                .isNotEqualTo(Canonical.json(Map.of("x", "Infinity")));
    }

    @Test
    void jsonIsWhatJacksonWritesWithSortedKeysForEveryKindOfValue() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("zeta", "last \"quoted\" \\ back\tslash\n\u0001 \u00e9\u20ac \ud83d\ude00 </script>");
        tree.put("alpha", Arrays.asList(1, -7L, 12345678901234L, new BigInteger("123456789012345678901234567890"),
                1.5, 1e300, -0.0, Double.NaN, new BigDecimal("1.10"), true, false, null, "", List.of()));
        tree.put("Upper", Map.of());
        tree.put("nested", Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("b", List.of(Map.of("y", 1, "x", 2)),
                "a", new ArrayList<>(List.of("s"))))));
        tree.put("nothing", null);
        tree.put("intKeys", new LinkedHashMap<>(Map.of(10, "ten", 9, "nine")));
        TreeMap<String, Object> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(Map.of("a", 1, "b", 2));
        tree.put("reversed", reversed);
        tree.put("set", new LinkedHashSet<>(List.of("q", "p")));
        tree.put("bytes", new byte[] {1, 2, 3});
        tree.put("10", "digits sort before letters");

        assertThat(Canonical.json(tree)).isEqualTo(SORTED_JACKSON.writeValueAsString(tree));
        assertThat(Canonical.json(tree)).startsWith("{\"10\":");
        assertThat(Canonical.json(List.of(tree, "x"))).isEqualTo(SORTED_JACKSON.writeValueAsString(List.of(tree, "x")));
        assertThat(Canonical.json(null)).isEqualTo("null");
        assertThat(Canonical.json(42)).isEqualTo("42");
    }

    @Test
    void aJsonTreeIsWrittenAsTheMapsAndListsItStandsFor() throws Exception {
        String text = "{\"zeta\":[1,-7,12345678901234,123456789012345678901234567890,1.5,1e300,-0.0,true,false,null,"
                + "\"\",[],{}],\"alpha\":{\"y\":\"\\u00e9\\u20ac \\ud83d\\ude00 \\\"q\\\" </script>\",\"b\":{\"d\":1,"
                + "\"c\":[{\"z\":1,\"a\":2}]}},\"10\":null,\"Upper\":\"x\"}";
        JsonNode tree = SORTED_JACKSON.readTree(text);

        String fromMaps = Canonical.json(SORTED_JACKSON.convertValue(tree, Object.class));
        assertThat(Canonical.json(tree)).isEqualTo(fromMaps);
        assertThat(fromMaps).startsWith("{\"10\":null,\"Upper\":\"x\",\"alpha\":{\"b\":{\"c\":[{\"a\":2,\"z\":1}],\"d\":1}");
    }

    @Test
    void stateDigestIsTheHashOfTheResourceDigestsInOrderEachOverItsJson() throws Exception {
        List<Resource> resources = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_300; i++) {
            Map<String, Object> body = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", String.format("cm-%04d", i)), "data", Map.of("k", "v" + i));
            Resource r = new Resource(new ResourceId("", "ConfigMap", "", String.format("cm-%04d", i)), "v1", body,
                    new Origin("cm.yaml", i + 1));
            assertThat(r.digest()).isEqualTo(Canonical.sha256(SORTED_JACKSON.writeValueAsString(body)));
            resources.add(r);
            lines.append(r.digest()).append('\n');
        }

        assertThat(Canonical.digest(resources)).isEqualTo(Canonical.sha256(lines.toString()));
        Resource changed = resources.get(700).withId(resources.get(700).id());
        assertThat(changed.digest()).isEqualTo(resources.get(700).digest());
    }

    @Test
    void aDigestHashesTheBytesOfTheJsonTextItIsNotBuiltAs() throws Exception {
        // Astral characters, pairs split by the generator's 8,000-character buffer, and unpaired surrogates,
        // which String.getBytes turns into '?': the digest must be the hash of exactly those bytes.
        StringBuilder astral = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            astral.append(i % 7 == 0 ? "\ud83d\ude00" : i % 11 == 0 ? "\u00e9\u20ac" : "a");
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("long", astral.toString());
        tree.put("unpaired", List.of("x\ud800", "\udc00y", "\ud800\ud800\udc00", "\ud83d"));
        tree.put("quoted", "\"\\\n\u0001 </script>");
        tree.put("nested", Map.of("n", List.of(1, 2.5, true, Map.of("k", "\ud83d\ude00"))));
        for (String end : List.of("", "\ud83d")) {
            Map<String, Object> body = new LinkedHashMap<>(tree);
            body.put("zz", "end" + end);
            assertThat(Canonical.digest(body)).isEqualTo(Canonical.sha256(Canonical.json(body)));
        }
        ObjectNode node = (ObjectNode) SORTED_JACKSON.readTree(SORTED_JACKSON.writeValueAsString(tree));
        assertThat(Canonical.jsonDigest(node)).isEqualTo(Canonical.sha256(Canonical.json(node)));
    }
}
