package io.jenkins.plugins.gitops.engine.targets.directory;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * The two file-system calls a write of the directory target is made of. A seam: tests put a full disk or a
 * paused process between them, which a real file system cannot be made to do on demand.
 */
interface Disk {
    /** Creates {@code temp} (it must not exist; a link is not followed), writes all bytes and forces them to disk. */
    void writeNew(Path temp, byte[] content, Set<FileAttribute<?>> attributes) throws IOException;

    /** Replaces {@code to} by {@code from} in one step: a reader sees the old or the new file. */
    void rename(Path from, Path to) throws IOException;

    Disk REAL = new Disk() {
        @Override
        public void writeNew(Path temp, byte[] content, Set<FileAttribute<?>> attributes) throws IOException {
            try (FileChannel channel = FileChannel.open(temp, Set.of(CREATE_NEW, WRITE, LinkOption.NOFOLLOW_LINKS),
                    attributes.toArray(FileAttribute<?>[]::new))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        }

        @Override
        public void rename(Path from, Path to) throws IOException {
            Files.move(from, to, ATOMIC_MOVE, REPLACE_EXISTING);
        }
    };
}
