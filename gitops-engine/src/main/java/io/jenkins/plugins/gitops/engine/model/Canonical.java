package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The one canonical text form of a manifest, so digests, files and diffs do not depend on key order
 * or on how the author wrote a number. JSON (sorted keys) for digests; YAML for people, with
 * apiVersion, kind and metadata first and every other key sorted, as kubectl prints objects.
 */
public final class Canonical {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final int DIGEST_BATCH = 512;
    private static final List<String> HEAD_KEYS = List.of("apiVersion", "kind", "metadata");

    private Canonical() {
    }

    public static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest trees are plain maps, lists and scalars", e);
        }
    }

    public static String yaml(Map<String, ?> body) {
        return yaml().dump(ordered(body, true));
    }

    /** SHA-256 over the canonical JSON of the resources, in id order. */
    public static String digest(List<Resource> sortedResources) {
        MessageDigest sha = sha256();
        // Serialising is the cost, hashing is cheap: serialise a batch on every core, hash it in order.
        // Batches bound the text held at once.
        for (int from = 0; from < sortedResources.size(); from += DIGEST_BATCH) {
            List<Resource> batch = sortedResources.subList(from, Math.min(sortedResources.size(), from + DIGEST_BATCH));
            for (byte[] line : batch.parallelStream().map(r -> json(r.body()).getBytes(StandardCharsets.UTF_8)).toList()) {
                sha.update(line);
                sha.update((byte) '\n');
            }
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
