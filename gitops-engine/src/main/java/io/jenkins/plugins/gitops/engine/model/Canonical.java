package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The one canonical text form of a manifest, so digests, files and diffs do not depend on key order
 * or on how the author wrote a number. JSON (sorted keys) for digests; YAML for people, with
 * apiVersion, kind and metadata first and every other key sorted, as kubectl prints objects.
 */
public final class Canonical {
    /**
     * Non-finite numbers are written bare ({@code NaN}, not {@code "NaN"}): quoted, {@code .nan} and the string
     * "NaN" would have one canonical form, and so one digest.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    /** Building a {@code Yaml} costs more than dumping a small manifest; one per thread, as it is not thread-safe. */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(Canonical::yaml);
    /** Written first at the top of an object, as kubectl prints one; every other key follows, sorted. */
    static final List<String> HEAD_KEYS = List.of("apiVersion", "kind", "metadata");

    private Canonical() {
    }

    public static String json(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.writer().createGenerator(out)) {
            writeSorted(generator, tree);
        } catch (IOException e) {
            throw new IllegalStateException("manifest trees are plain maps, lists and scalars", e);
        }
        return out.toString();
    }

    /**
     * Exactly what {@code JSON} writes, without the sorted copy of every map it makes to order the keys: maps
     * with string keys and lists (and a JSON tree's objects and arrays) are walked here, each map's keys sorted in an
     * array; anything else (a scalar, a map with other keys, a sorted map) is written by {@code JSON} itself.
     */
    private static void writeSorted(JsonGenerator generator, Object value) throws IOException {
        // A sorted map keeps its own order in JSON's output, whatever its comparator.
        if (value instanceof Map<?, ?> map && !(map instanceof SortedMap) && Documents.stringKeys(map)) {
            String[] keys = map.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            generator.writeStartObject();
            for (String key : keys) {
                generator.writeFieldName(key);
                writeSorted(generator, map.get(key));
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                writeSorted(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof ObjectNode object) {
            // A JSON tree read back (a plan file) is written as the maps and lists it stands for, without copying it.
            String[] keys = new String[object.size()];
            Iterator<String> names = object.fieldNames();
            for (int i = 0; i < keys.length; i++) {
                keys[i] = names.next();
            }
            Arrays.sort(keys);
            generator.writeStartObject();
            for (String key : keys) {
                generator.writeFieldName(key);
                writeSorted(generator, object.get(key));
            }
            generator.writeEndObject();
        } else if (value instanceof ArrayNode array) {
            generator.writeStartArray();
            for (JsonNode item : array) {
                writeSorted(generator, item);
            }
            generator.writeEndArray();
        } else {
            JSON.writeValue(generator, value);
        }
    }

    public static String yaml(Map<String, ?> body) {
        String direct = CanonicalYaml.write(body);
        return direct != null ? direct : snakeYaml(body);
    }

    /** SnakeYAML's dump, which {@link CanonicalYaml} writes byte for byte, for what it does not write itself. */
    static String snakeYaml(Map<String, ?> body) {
        return YAML.get().dump(ordered(body, true));
    }

    /**
     * The digest of a desired state: SHA-256 over the digests of its resources, in id order. Each resource's
     * digest covers its canonical JSON, so this pins every byte of every body while costing no second pass.
     */
    public static String digest(List<Resource> sortedResources) {
        MessageDigest sha = sha256();
        for (Resource r : sortedResources) {
            sha.update(r.digest().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The digest of one body, as a target that records what it applied compares it with the desired one. */
    public static String digest(Map<String, ?> body) {
        return jsonDigest(body);
    }

    /** {@code sha256(json(tree))}, hashed as the JSON is written, without the text (see {@link DigestWriter}). */
    public static String jsonDigest(Object tree) {
        MessageDigest sha = sha256();
        // Closing the generator closes the writer, which settles a trailing unpaired surrogate.
        try (JsonGenerator generator = JSON.writer().createGenerator(new DigestWriter(sha))) {
            writeSorted(generator, tree);
        } catch (IOException e) {
            throw new IllegalStateException("manifest trees are plain maps, lists and scalars", e);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    public static String sha256(String text) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        options.setIndent(2);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(options);
    }

    private static Object ordered(Object value, boolean top) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            TreeMap<String, Object> rest = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                rest.put(String.valueOf(e.getKey()), ordered(e.getValue(), false));
            }
            if (top) {
                for (String k : HEAD_KEYS) {
                    if (rest.containsKey(k)) {
                        out.put(k, rest.remove(k));
                    }
                }
            }
            out.putAll(rest);
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(ordered(item, false));
            }
            return out;
        }
        return value;
    }
}
