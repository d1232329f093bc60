package io.jenkins.plugins.gitops.engine.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One desired resource: its identity, its body (a deeply immutable tree of maps, lists and scalars, see
 * {@link Documents#immutableCopy}), where it was declared, and the digest of its canonical form
 * ({@link Canonical#digest(Map)}), computed once because the state's digest and every comparison with what a
 * target recorded need it.
 */
public record Resource(ResourceId id, String apiVersion, Map<String, Object> body, Origin origin, String digest) {
    public Resource {
        body = Documents.immutableCopy(body);
        Objects.requireNonNull(digest, "digest");
    }

    public Resource(ResourceId id, String apiVersion, Map<String, Object> body, Origin origin) {
        this(id, apiVersion, body, origin, Canonical.digest(body));
    }

    /** The same resource under another id (its target's canonical one); body and digest are unchanged. */
    public Resource withId(ResourceId other) {
        return new Resource(other, apiVersion, body, origin, digest);
    }

    public Optional<String> annotation(String key) {
        return Documents.annotations(body).map(a -> a.get(key)).map(String::valueOf);
    }
}
