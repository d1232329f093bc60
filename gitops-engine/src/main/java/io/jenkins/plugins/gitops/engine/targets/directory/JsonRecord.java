package io.jenkins.plugins.gitops.engine.targets.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.StoredFormat;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One engine record kept as a JSON file (inventory, lock), always replaced atomically, read as {@link StoredFormat}
 * says: a field missing from the file reads as null (the record types refuse a null where a value is required, and a
 * field added in a later version reads as absent from files written before it), a field this version does not know
 * is ignored, and a file of a higher format is refused as written by a newer version.
 */
final class JsonRecord<T> {
    /** The format this version writes (with no {@code format} field, which reads as 1) and the highest it reads. */
    static final int FORMAT = 1;

    private final Path root;
    private final Path file;
    private final AtomicFiles files;
    private final Class<T> type;
    private final String what;
    private final String remedy;
    /** The last record parsed and its bytes: the lock is read before every write, and is the same file each time. */
    private volatile Parsed<T> last;

    private record Parsed<T>(byte[] bytes, T value) {
    }

    /**
     * @param what   names the record in messages, e.g. "inventory"
     * @param remedy what a user should do when the file cannot be read and no newer version wrote it
     */
    JsonRecord(Path root, Path file, AtomicFiles files, Class<T> type, String what, String remedy) {
        this.root = root;
        this.file = file;
        this.files = files;
        this.type = type;
        this.what = what;
        this.remedy = remedy;
    }

    Path file() {
        return file;
    }

    Optional<T> read() {
        NoLinks.check(root, file);
        byte[] bytes;
        try {
            StoredFormat.checkSize(Files.size(file), file.toString(), what, remedy);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TargetException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        } catch (GitopsException e) {
            throw new TargetException(e.getMessage(), e.remedy().orElse(null));
        }
        Parsed<T> previous = last;
        if (previous != null && Arrays.equals(previous.bytes(), bytes)) {
            return Optional.of(previous.value());
        }
        try {
            T value = StoredFormat.read(bytes, type, FORMAT, file.toString(), what, remedy);
            last = new Parsed<>(bytes, value);
            return Optional.of(value);
        } catch (GitopsException e) {
            throw new TargetException(e.getMessage(), e.remedy().orElse(null));
        }
    }

    /** Replaces the record if {@code fence} still holds right before the rename. */
    void write(T value, Fence fence) {
        NoLinks.check(root, file);
        try {
            files.createFolders(file.getParent(), null);
            files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value), fence, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records are plain values", e);
        } catch (IOException e) {
            throw new TargetException("cannot write the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    void delete() {
        NoLinks.check(root, file);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TargetException("cannot delete the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
