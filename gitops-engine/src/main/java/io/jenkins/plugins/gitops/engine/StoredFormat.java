package io.jenkins.plugins.gitops.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The one rule for every record gitops stores: the plan file, the inventory with its history (directory target, Git
 * branch, Kubernetes ConfigMap), the lock and the applied-files index. Versions a release apart meet all the time
 * (agents, laptops, CI images), so an older reader must never call a newer record damaged:
 * <ul>
 * <li>a reader ignores the properties it does not know ({@link Json#mapper()}, the one configuration all of them
 * read with), so adding a field keeps the format;</li>
 * <li>a change an older reader would misread (a field renamed or removed, a new meaning, a new value of an enum, a
 * field that apply must obey) raises the record's format number, its {@code format} field (absent: 1);</li>
 * <li>a record of a higher format than the reader knows is refused as written by a newer version, with the
 * remedy {@link Remedy.Kind#UPGRADE}: never "damaged", never "delete it".</li>
 * </ul>
 * See docs/design.md, "Stored records and mixed versions".
 */
public final class StoredFormat {
    public static final String FIELD = "format";
    /**
     * Far above any record gitops writes (an inventory of 100,000 resources and 1,000 history entries is about 20 MB),
     * so a larger one is refused before it is read into memory.
     */
    public static final long MAX_BYTES = 64L << 20;

    private StoredFormat() {
    }

    /**
     * Refuses a record of a format this version cannot read.
     *
     * @param format the record's {@code format} field as text, null when it has none (format 1)
     * @param known  the highest format this version reads
     * @param record names the record in messages, e.g. "the inventory /srv/env/.gitops/inventory.json"
     */
    public static void check(String format, int known, String record) {
        int found;
        try {
            found = format == null ? 1 : Integer.parseInt(format.trim());
        } catch (NumberFormatException e) {
            found = 0;
        }
        if (found < 1) {
            throw new GitopsException(record + " has a format number that no version of gitops-pipeline writes");
        }
        if (found > known) {
            throw new GitopsException(record + " was written by a newer version of gitops-pipeline (format " + found
                    + "; this version reads format " + known + " and older)", Remedy.of(Remedy.Kind.UPGRADE));
        }
    }

    /** {@link #check} for a record read as a tree: its {@code format} field, if any. */
    public static void check(JsonNode record, int known, String name) {
        JsonNode format = record.get(FIELD);
        check(format == null || format.isNull() ? null : format.asText(), known, name);
    }

    /**
     * Reads {@code bytes} as a {@code type} record of a format up to {@code known}.
     *
     * @param file   where the record is, as the user finds it
     * @param what   the record in messages, e.g. "inventory"
     * @param advice what to do when it cannot be read and no newer version wrote it
     * @throws GitopsException naming the file and, where the text is at fault, its line; never quoting the text
     */
    public static <T> T read(byte[] bytes, Class<T> type, int known, String file, String what, String advice) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new GitopsException(located(file, e) + (e instanceof StreamConstraintsException limit
                    ? " holds more than any " + what + " record gitops writes (" + limit.getOriginalMessage() + ")"
                    : " is not valid JSON") + "; " + advice);
        }
        if (tree == null || !tree.isObject()) {
            throw new GitopsException(file + " holds " + (tree == null ? "nothing" : "a JSON " + kind(tree))
                    + ", not the " + what + " record gitops writes; " + advice);
        }
        check(tree, known, "the " + what + " " + file);
        try {
            // Parsed again from the bytes rather than the tree, so that a wrong value is reported at its line.
            return Json.mapper().readValue(bytes, type);
        } catch (IOException e) {
            // Jackson's own message quotes the offending content, so only its position is passed on.
            throw new GitopsException(located(file, e) + " is not a valid " + what + " record; " + advice);
        }
    }

    /** Refuses a record of {@code size} bytes over {@link #MAX_BYTES}, before it is read. */
    public static void checkSize(long size, String file, String what, String advice) {
        if (size > MAX_BYTES) {
            throw new GitopsException(file + " is " + (size >> 20) + " MiB, larger than any " + what
                    + " record gitops writes (at most " + (MAX_BYTES >> 20) + " MiB); " + advice);
        }
    }

    private static String located(String file, IOException e) {
        JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
        return at != null && at.getLineNr() > 0 ? file + ":" + at.getLineNr() : file;
    }

    private static String kind(JsonNode tree) {
        return switch (tree.getNodeType()) {
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }
}
