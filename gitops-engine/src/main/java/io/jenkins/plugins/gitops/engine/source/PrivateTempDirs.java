package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Temporary directories for checkouts and clones (of a source, of an environment branch), which may hold Secrets of
 * the repository. Each is named after the process that made it ({@code gitops-checkout-<pid>-<random>}) and is
 * owner-only. A process killed with SIGKILL cannot remove its own, so every new one first removes those of its kind
 * whose process is gone.
 */
public final class PrivateTempDirs {
    private PrivateTempDirs() {
    }

    /** A new directory {@code gitops-<kind>-<pid>-<random>}, after removing those of processes that are gone. */
    public static Path create(String kind) throws IOException {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        sweep(parent, kind);
        Path dir = Files.createTempDirectory(parent, prefix(kind) + ProcessHandle.current().pid() + "-");
        ownerOnly(dir);
        return dir;
    }

    /** Removes {@code gitops-<kind>-<pid>-*} directories of processes that no longer run. */
    static void sweep(Path parent, String kind) {
        String prefix = prefix(kind);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                pidOf(entry.getFileName().toString().substring(prefix.length()))
                        .filter(pid -> ProcessHandle.of(pid).isEmpty())
                        .ifPresent(pid -> GitSnapshot.deleteTreeQuietly(entry));
            }
        } catch (IOException e) {
            // Leftovers of killed runs are only swept; failing to list them must not fail this run.
        }
    }

    private static String prefix(String kind) {
        return "gitops-" + kind + "-";
    }

    private static Optional<Long> pidOf(String rest) {
        int dash = rest.indexOf('-');
        try {
            return dash <= 0 ? Optional.empty() : Optional.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void ownerOnly(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
