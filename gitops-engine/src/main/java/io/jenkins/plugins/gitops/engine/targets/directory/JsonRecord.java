package io.jenkins.plugins.gitops.engine.targets.directory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** One engine record kept as a JSON file (inventory, lock), always replaced atomically. */
final class JsonRecord<T> {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path root;
    private final Path file;
    private final AtomicFiles files;
    private final Class<T> type;
    private final String what;
    private final String remedy;

    /**
     * @param what   names the record in messages, e.g. "inventory"
     * @param remedy what a user should do when the file is damaged
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
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TargetException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(JSON.readValue(bytes, type));
        } catch (IOException e) {
            // Jackson's own message quotes the offending content, so only its position is passed on.
            JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
            String where = at != null && at.getLineNr() > 0 ? file + ":" + at.getLineNr() : file.toString();
            throw new TargetException(where + " is not a valid " + what + " record; " + remedy);
        }
    }

    /** Replaces the record if {@code fence} still holds right before the rename. */
    void write(T value, Fence fence) {
        NoLinks.check(root, file);
        try {
            files.createFolders(file.getParent(), null);
            files.write(file, JSON.writeValueAsBytes(value), fence, false);
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
