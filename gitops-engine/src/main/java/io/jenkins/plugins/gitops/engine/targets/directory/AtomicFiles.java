package io.jenkins.plugins.gitops.engine.targets.directory;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces files so that a reader, or a process killed half way, only ever sees the old or the new content:
 * the bytes go to a temp file next to the target, are forced to disk, and the temp file is renamed over the
 * target. Each file has one fixed temp name, so the temp file a crash left behind is simply overwritten by
 * the next write of the same file; readers never open it because resource names cannot start with a dot.
 */
final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";
    /** Writers of the same file in this JVM take turns, since they share the temp name; other processes are kept out by the target lock. */
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private AtomicFiles() {
    }

    static void write(Path file, byte[] content) throws IOException {
        Path dir = file.getParent();
        Path temp = tempOf(file);
        synchronized (STRIPES[Math.floorMod(file.hashCode(), STRIPES.length)]) {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        }
    }

    /** Removes the temp file a crashed write of {@code file} may have left. */
    static void discardTemp(Path file) throws IOException {
        Files.deleteIfExists(tempOf(file));
    }

    private static Path tempOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + TEMP_SUFFIX);
    }
}
