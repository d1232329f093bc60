package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.StoredFormat;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The inventory as the {@code data} of a ConfigMap: {@code resources} is a JSON array of
 * {@code [group, kind, namespace, name]} (arrays rather than objects: a third of the size, so about 20,000
 * resources with typical names fit), {@code history} a JSON array of revisions, oldest first.
 *
 * <p>A ConfigMap holds at most 1 MiB; {@link #MAX_DATA_BYTES} leaves room for its metadata. Resources over it are
 * refused with advice rather than truncated, because a truncated inventory would stop pruning; the history gives up
 * its oldest entries to fit.
 */
final class InventoryConfigMapCodec {
    static final int MAX_DATA_BYTES = 1_000_000;
    static final String RESOURCES = "resources";
    static final String HISTORY = "history";
    static final String FORMAT = StoredFormat.FIELD;
    /** The format this version writes and the highest it reads ({@link StoredFormat}). */
    private static final int FORMAT_VERSION = 1;

    private InventoryConfigMapCodec() {
    }

    static Map<String, String> encode(Inventory inventory, String where) {
        List<List<String>> ids = inventory.resources().stream()
                .map(id -> List.of(id.group(), id.kind(), id.namespace(), id.name())).toList();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(FORMAT, String.valueOf(FORMAT_VERSION));
        data.put(RESOURCES, write(ids));
        data.put(HISTORY, "[]");
        int bytes = size(data);
        if (bytes <= MAX_DATA_BYTES) {
            data.put(HISTORY, history(inventory.history(), MAX_DATA_BYTES - bytes));
        }
        if (bytes > MAX_DATA_BYTES) {
            throw new TargetException("the inventory of " + inventory.resources().size() + " resources needs " + bytes
                    + " bytes, more than the " + MAX_DATA_BYTES + " a ConfigMap (" + where + ") can hold; split this"
                    + " environment into several, each with its own inventory name");
        }
        return data;
    }

    /**
     * The newest history entries that fit in {@code room} more bytes, oldest first: the history is a record of the
     * past and may lose its oldest entries, where the owned resources may lose none.
     */
    private static String history(List<Revision> history, int room) {
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = history.size() - 1; i >= 0; i--) {
            String entry = write(history.get(i));
            used += entry.getBytes(StandardCharsets.UTF_8).length + 1; // and its comma
            if (used > room) {
                break;
            }
            kept.add(0, entry);
        }
        return "[" + String.join(",", kept) + "]";
    }

    private static int size(Map<String, String> data) {
        return data.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    static Inventory decode(Map<String, String> data, String where) {
        if (data == null || data.isEmpty()) {
            return Inventory.EMPTY;
        }
        try {
            StoredFormat.check(data.get(FORMAT), FORMAT_VERSION, "inventory ConfigMap " + where);
        } catch (GitopsException e) {
            throw new TargetException(e.getMessage(), e.remedy().orElse(null));
        }
        try {
            List<List<String>> ids = Json.mapper().readValue(data.getOrDefault(RESOURCES, "[]"), new TypeReference<>() { });
            TreeSet<ResourceId> resources = new TreeSet<>();
            for (List<String> id : ids) {
                resources.add(new ResourceId(id.get(0), id.get(1), id.get(2), id.get(3)));
            }
            List<Revision> history = Json.mapper().readValue(data.getOrDefault(HISTORY, "[]"), new TypeReference<>() { });
            return new Inventory(resources, new ArrayList<>(history));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new TargetException("inventory ConfigMap " + where + " cannot be read (" + e.getClass().getSimpleName()
                    + "); restore it from a backup (prune removes only what it lists; until it reads, nothing is applied)", e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ids and revisions are plain values", e);
        }
    }
}
