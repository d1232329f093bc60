package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine last wrote to each resource file: the file's version and the canonical digest of the body.
 * A file whose version still matches was not touched since, so its body is known without parsing it. Kept in
 * {@code .gitops/applied.json}, saved with the inventory; an entry that is missing, stale or unreadable only
 * means the file is parsed, never that a change is missed: a hand edit changes the version.
 */
final class AppliedIndex {
    /** One file as written: its version (hash of the bytes) and the digest of the body it holds. */
    record Entry(String version, String digest) {
        Entry {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** The file's content. */
    record Entries(Map<String, Entry> files) {
        Entries {
            files = Map.copyOf(Objects.requireNonNull(files, "files"));
        }
    }

    private static final Entry REMOVED = new Entry("", "");

    private final JsonRecord<Entries> record;
    /** Written or deleted since the last save, by file key; REMOVED for a delete. */
    private final Map<String, Entry> pending = new ConcurrentHashMap<>();

    AppliedIndex(Path root, Path file, AtomicFiles files) {
        this.record = new JsonRecord<>(root, file, files, Entries.class, "applied-files index",
                "delete it: it is rebuilt as resources are applied");
    }

    void written(String key, Entry entry) {
        pending.put(key, entry);
    }

    void deleted(String key) {
        pending.put(key, REMOVED);
    }

    /** The entries on disk with this instance's unsaved writes and deletes applied over them. */
    Map<String, Entry> current() {
        Map<String, Entry> entries = new HashMap<>(stored());
        pending.forEach((key, entry) -> {
            if (entry == REMOVED) {
                entries.remove(key);
            } else {
                entries.put(key, entry);
            }
        });
        return entries;
    }

    /** Saves the unsaved writes and deletes, if {@code fence} holds; with none, writes nothing. */
    void save(Fence fence) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Entry> entries = current();
        record.write(new Entries(entries), fence);
        pending.keySet().removeIf(k -> true);
    }

    private Map<String, Entry> stored() {
        try {
            return record.read().map(Entries::files).map(Map::copyOf).orElse(Map.of());
        } catch (TargetException e) {
            return Map.of(); // a damaged index only costs parsing
        }
    }

    Optional<Entry> find(Map<String, Entry> entries, String key, String version) {
        return Optional.ofNullable(entries.get(key)).filter(e -> e.version().equals(version));
    }
}
