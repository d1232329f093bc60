package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An object as the target stores it, with a version token that changes whenever the object changes
 * (a resourceVersion, or a content hash). Plans pin these versions to detect a stale plan.
 *
 * <p>A target that records what it wrote may also know the object is, byte for byte, what the engine applied:
 * then {@link #appliedDigest()} is the canonical digest of that applied body and the body itself is read only
 * if someone asks. A plan of thousands of unchanged objects compares digests instead of parsing them all.
 */
public final class LiveObject {
    private final ResourceId id;
    private final String version;
    private final String appliedDigest;
    private Supplier<Map<String, Object>> loader; // guarded by this; null once loaded
    private Map<String, Object> body; // guarded by this

    public LiveObject(ResourceId id, Map<String, Object> body, String version) {
        this(id, version, null, null);
        this.body = Documents.immutableCopy(body);
    }

    private LiveObject(ResourceId id, String version, String appliedDigest, Supplier<Map<String, Object>> loader) {
        this.id = id;
        this.version = version;
        this.appliedDigest = appliedDigest;
        this.loader = loader;
    }

    /**
     * An object known to be unchanged since the engine applied the body whose {@code Canonical.digest} is
     * {@code appliedDigest}; {@code loader} reads the body when it is needed.
     */
    public static LiveObject unchangedSinceApplied(ResourceId id, String version, String appliedDigest,
            Supplier<Map<String, Object>> loader) {
        return new LiveObject(id, version, Objects.requireNonNull(appliedDigest), Objects.requireNonNull(loader));
    }

    /** An object whose body {@code loader} makes only if someone asks: a write's answer, which is rarely read. */
    public static LiveObject readWhenAsked(ResourceId id, String version, Supplier<Map<String, Object>> loader) {
        return new LiveObject(id, version, null, Objects.requireNonNull(loader));
    }

    public ResourceId id() {
        return id;
    }

    public String version() {
        return version;
    }

    public Optional<String> appliedDigest() {
        return Optional.ofNullable(appliedDigest);
    }

    public synchronized Map<String, Object> body() {
        if (body == null) {
            body = Documents.immutableCopy(loader.get());
            loader = null;
        }
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiveObject other && id.equals(other.id) && Objects.equals(version, other.version)
                && body().equals(other.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "LiveObject[" + id + " " + version + "]";
    }
}
