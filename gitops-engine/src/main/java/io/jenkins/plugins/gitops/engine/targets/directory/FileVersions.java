package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The version of a resource file: an HMAC of its exact bytes (any change, even a comment added by hand, is a
 * new version) under a random key kept in the target. Versions travel in plan files; a plain hash of a Secret's
 * file would let anyone holding a plan test guesses of a weak secret offline, a keyed one does not.
 *
 * <p>The key is created by the first write, never by a read: a plan writes nothing. Until then (a folder no
 * gitops apply wrote yet) a file's version is made of its size, modification time and file key, which says
 * nothing about its content either.
 */
final class FileVersions {
    private static final int KEY_BYTES = 32;

    private final Path keyFile;
    private volatile SecretKeySpec key;

    FileVersions(Path keyFile) {
        this.keyFile = keyFile;
    }

    /** The version of bytes being written: creates the key if there is none yet. */
    String ofWritten(byte[] bytes) {
        return hmac(key(), bytes);
    }

    /** The version of a stored file, without creating anything. */
    String ofStored(byte[] bytes, Path file, BasicFileAttributes attributes) {
        SecretKeySpec k = existingKey();
        if (k != null) {
            return hmac(k, bytes);
        }
        return "unkeyed:" + attributes.size() + ":" + attributes.lastModifiedTime().toInstant() + ":"
                + attributes.fileKey();
    }

    /** The key's bytes if it exists; never creates it. */
    Optional<byte[]> existingKeyBytes() {
        return Optional.ofNullable(existingKey()).map(SecretKeySpec::getEncoded);
    }

    private SecretKeySpec existingKey() {
        SecretKeySpec k = key;
        return k != null || !Files.exists(keyFile) ? k : key();
    }

    private static String hmac(SecretKeySpec k, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(k);
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreate(), "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    /** Created once per target; two processes racing both end up with the one that was written first. */
    private byte[] loadOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(keyFile.getParent());
                Path tmp = Files.createTempFile(keyFile.getParent(), ".key", ".tmp");
                try {
                    restrict(tmp);
                    Files.writeString(tmp, HexFormat.of().formatHex(fresh), StandardOpenOption.WRITE);
                    Files.createLink(keyFile, tmp); // atomic, and fails if another run created it first
                } catch (FileAlreadyExistsException e) {
                    // the other run's key wins
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            String stored = Files.readString(keyFile).strip();
            if (!stored.matches("[0-9a-f]{" + 2 * KEY_BYTES + "}")) {
                throw new TargetException(keyFile + " is not a version key; delete it: plans made before then are"
                        + " stale, and new ones work as before");
            }
            return HexFormat.of().parseHex(stored);
        } catch (IOException e) {
            throw new TargetException("cannot read or create the version key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect it
        }
    }
}
