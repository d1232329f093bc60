package io.jenkins.plugins.gitops.engine.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest of a desired state as it leaves the process: in a plan file, the history and the inventory.
 * An unkeyed hash over a Secret's content would let anyone holding a plan and the repository confirm a
 * guessed password offline, so a Secret enters it only under the target's own key (kept in the target, as
 * protected as its Secrets), or, where the target has no key yet, by its id alone. A state without Secrets
 * has the plain {@link DesiredState#digest()}, as before, so older plans and histories compare as they did. Any
 * resource that holds the value of a secret variable ({@link SecretValues}) enters it as a Secret does.
 */
public final class StateDigest {
    /** Still SHA-256 over the resources' parts, as the plain digest; the tag says how Secrets entered it. */
    private static final String KEYED = "sha256:keyed:";
    private static final String SECRETS_BY_ID = "sha256:secrets-by-id:";

    private StateDigest() {
    }

    /** The digest to publish, with the target's key if it has one. */
    public static String of(DesiredState state, Optional<byte[]> key) {
        return of(state, key, SecretValues.NONE);
    }

    /** The digest to publish, where resources holding any of {@code secrets} are as sensitive as Secrets. */
    public static String of(DesiredState state, Optional<byte[]> key, SecretValues secrets) {
        if (state.resources().stream().noneMatch(r -> isSecret(r, secrets))) {
            return state.digest();
        }
        return key.map(k -> KEYED + digest(state.resources(), k, secrets)).orElseGet(() -> SECRETS_BY_ID
                + digest(state.resources(), null, secrets));
    }

    /**
     * The digest of {@code state} made the way {@code published} was, to compare them: with the key, without
     * Secret content, or (a plan written before Secrets were keyed) plain. A keyed digest without the key
     * now compares unequal.
     */
    public static String like(String published, DesiredState state, Optional<byte[]> key, SecretValues secrets) {
        if (published.startsWith(KEYED)) {
            return key.map(k -> KEYED + digest(state.resources(), k, secrets)).orElse("(the target's key is gone)");
        }
        if (published.startsWith(SECRETS_BY_ID)) {
            return SECRETS_BY_ID + digest(state.resources(), null, secrets);
        }
        return state.digest();
    }

    private static boolean isSecret(Resource r, SecretValues secrets) {
        return r.id().group().isEmpty() && r.id().kind().equals("Secret") || secrets.foundIn(r.body());
    }

    private static String digest(List<Resource> sorted, byte[] key, SecretValues secrets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Mac mac = key == null ? null : Mac.getInstance("HmacSHA256");
            if (mac != null) {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
            for (Resource r : sorted) {
                String part;
                if (!isSecret(r, secrets)) {
                    part = r.digest();
                } else if (mac == null) {
                    part = "secret " + r.id();
                } else {
                    part = "secret " + HexFormat.of().formatHex(mac.doFinal(
                            (r.id() + "\n" + r.digest()).getBytes(StandardCharsets.UTF_8)));
                }
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256 and HmacSHA256", e);
        }
    }
}
