package io.jenkins.plugins.gitops.engine.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.BoundedFile;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.OutputFile;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.StoredFormat;
import io.jenkins.plugins.gitops.engine.model.Canonical;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plan as a JSON file. The file carries a digest of its own content, so an edited plan (a change
 * removed, a commit swapped) is refused before anything is compared, let alone applied. It is read as every stored
 * record is ({@link StoredFormat}: fields this version does not know are ignored, a newer format is refused as such),
 * except that its format field is required, as every plan file has had one.
 */
public final class PlanFile {
    /**
     * The highest format this version reads and writes. Format 2 holds run-once hooks ({@link Action#RUN}), a value an
     * older reader would misread, so only a plan that runs a hook is written as 2; every other plan stays 1, which
     * older versions read.
     */
    static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_RUNS = 1;
    private static final String FORMAT_FIELD = "format";
    private static final String DIGEST_FIELD = "planDigest";
    /** Every field apply checks or carries out; {@code repository} and {@code createdAt} only inform. */
    private static final List<String> REQUIRED = List.of("commit", "path", "target", "desiredDigest",
            "liveFingerprint", "prune", "changes");
    /** Room for a plan of many thousand resources with their diffs; more is not a plan gitops wrote. */
    public static final int MAX_BYTES = 256 * 1024 * 1024;
    /** A plan nests about eight levels deep: a hostile file of nested brackets is refused at once. */
    static final int MAX_NESTING = 64;
    private static final ObjectMapper READER = Json.mapper().copyWith(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build());

    private PlanFile() {
    }

    public static String toJson(Plan plan) {
        ObjectNode node = Json.mapper().valueToTree(plan);
        node.put(FORMAT_FIELD, formatOf(plan));
        node.put(DIGEST_FIELD, digest(plan));
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plans are plain records", e);
        }
    }

    /** Writes the plan as {@code file}, as {@link OutputFile} writes a file the user named. */
    public static void write(Plan plan, Path file) {
        OutputFile.write(file, toJson(plan).getBytes(StandardCharsets.UTF_8), "plan file");
    }

    public static Plan read(Path file) {
        return readSaved(file).plan();
    }

    /** Like {@link #read}, with the digest the file carries, found to be its content's. */
    public static SavedPlan readSaved(Path file) {
        String text;
        try {
            // Strict, as Files.readString: a file in another encoding cannot be read, rather than read otherwise.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(BoundedFile.read(file, MAX_BYTES,
                    "plan file"))).toString();
        } catch (IOException e) {
            throw new GitopsException("cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Plan fromJson(String text, String name) {
        return parse(text, name).plan();
    }

    private static SavedPlan parse(String text, String name) {
        ObjectNode node;
        try {
            JsonNode parsed = READER.readTree(text);
            if (!(parsed instanceof ObjectNode object)) {
                throw new GitopsException(name + " is not a plan file (expected a JSON object)", Remedy.of(Remedy.Kind.SAVE_PLAN));
            }
            node = object;
        } catch (StreamConstraintsException e) {
            throw new GitopsException(name + " is not a plan file (it nests JSON more than " + MAX_NESTING
                    + " levels deep)", Remedy.of(Remedy.Kind.SAVE_PLAN));
        } catch (JsonProcessingException e) {
            throw new GitopsException(name + " is not a plan file (" + (e.getLocation() == null ? "it"
                    : "line " + e.getLocation().getLineNr()) + " is not valid JSON)", Remedy.of(Remedy.Kind.SAVE_PLAN));
        }
        JsonNode format = node.get(FORMAT_FIELD);
        if (format != null && format.asInt() > FORMAT) {
            StoredFormat.check(node, FORMAT, "plan file " + name);
        }
        if (format == null || format.asInt() < FORMAT_WITHOUT_RUNS) {
            throw new GitopsException(name + " has plan format " + format + ", this gitops reads formats "
                    + FORMAT_WITHOUT_RUNS + " to " + FORMAT + "; make the plan again with this version",
                    Remedy.of(Remedy.Kind.SAVE_PLAN));
        }
        JsonNode recorded = node.remove(DIGEST_FIELD);
        String digest = digestOf(node);
        if (recorded == null || !recorded.asText().equals(digest)) {
            throw new GitopsException("plan file " + name + " was altered after gitops wrote it (its digest does not"
                    + " match its content); nothing was applied", Remedy.of(Remedy.Kind.SAVE_PLAN));
        }
        node.remove(FORMAT_FIELD);
        for (String field : REQUIRED) {
            if (!node.hasNonNull(field)) {
                throw new GitopsException("plan file " + name + " cannot be read: it has no " + field + "; nothing was applied",
                        Remedy.of(Remedy.Kind.SAVE_PLAN));
            }
        }
        try {
            return new SavedPlan(Json.mapper().treeToValue(node, Plan.class), digest);
        } catch (JsonProcessingException e) {
            throw new GitopsException("plan file " + name + " cannot be read: " + e.getOriginalMessage());
        }
    }

    /** The digest {@link #toJson} writes into the file: names the reviewed plan in records of its apply. */
    public static String digest(Plan plan) {
        ObjectNode node = Json.mapper().valueToTree(plan);
        node.put(FORMAT_FIELD, formatOf(plan));
        return digestOf(node);
    }

    private static int formatOf(Plan plan) {
        return plan.changes().stream().anyMatch(c -> c.action() == Action.RUN) ? FORMAT : FORMAT_WITHOUT_RUNS;
    }

    private static String digestOf(ObjectNode withoutDigest) {
        return Canonical.jsonDigest(withoutDigest);
    }
}
