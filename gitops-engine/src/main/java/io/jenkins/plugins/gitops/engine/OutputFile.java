package io.jenkins.plugins.gitops.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a file the user named as an output (a plan file, the plan kept for a build page). A new or regular file is
 * replaced atomically (a temp file renamed over it), so a reader never sees half a plan; a link to a regular file
 * keeps being a link. Renaming over anything else would destroy it: {@code --out /dev/null} run as root would
 * replace the machine's {@code /dev/null} with a regular file. So a character device or a FIFO is written through,
 * as a shell redirect does (a FIFO waits for its reader), and a folder, a block device, a socket or a dangling link
 * is refused.
 */
public final class OutputFile {
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private OutputFile() {
    }

    /**
     * Writes {@code content} to {@code file}.
     *
     * @param what names the file in messages, e.g. "plan file"
     */
    public static void write(Path file, byte[] content, String what) {
        try {
            BasicFileAttributes existing = attributes(file);
            if (existing == null && Files.isSymbolicLink(file)) {
                throw refused(what, file, "a link to a file that does not exist; give the file itself");
            }
            if (existing == null || existing.isRegularFile()) {
                replace(existing == null ? file.toAbsolutePath() : file.toRealPath(), content);
            } else if (existing.isDirectory()) {
                throw refused(what, file, "a folder; give a file name");
            } else if (writableThrough(file)) {
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                    out.write(content);
                }
            } else {
                throw refused(what, file, kind(file) + ", not a file; give a file name");
            }
        } catch (IOException e) {
            throw new GitopsException("cannot write " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path parent = file.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean writableThrough(Path file) throws IOException {
        int type = type(file);
        return type == CHARACTER_DEVICE || type == FIFO;
    }

    private static String kind(Path file) throws IOException {
        return switch (type(file)) {
            case BLOCK_DEVICE -> "a block device";
            case SOCKET -> "a socket";
            default -> "a special file";
        };
    }

    /** The file type bits of its mode, or 0 where the file system has no Unix modes (nothing is written through). */
    private static int type(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return 0;
        }
        return (Integer) Files.getAttribute(file, "unix:mode") & TYPE_MASK;
    }

    private static GitopsException refused(String what, Path file, String why) {
        return new GitopsException("cannot write " + what + " " + file + ": it is " + why + "; nothing was written");
    }
}
