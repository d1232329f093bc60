package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVersionsTest {
    private static final byte[] SECRET_FILE = "kind: Secret\nstringData:\n  password: hunter2\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void versionIsKeyedSoAPlanCannotBeUsedToGuessASecret(@TempDir Path dir) throws Exception {
        FileVersions versions = new FileVersions(dir.resolve(".gitops/version.key"));
        String version = versions.ofWritten(SECRET_FILE);
        String plainHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SECRET_FILE));

        assertThat(version).startsWith("hmac-sha256:").doesNotContain(plainHash);
        assertThat(new FileVersions(dir.resolve(".gitops/version.key")).ofWritten(SECRET_FILE)).isEqualTo(version);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".gitops/version.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void eachTargetHasItsOwnKey(@TempDir Path dir) {
        String a = new FileVersions(dir.resolve("a/.gitops/version.key")).ofWritten(SECRET_FILE);
        String b = new FileVersions(dir.resolve("b/.gitops/version.key")).ofWritten(SECRET_FILE);
        assertThat(a).isNotEqualTo(b);
    }
}
