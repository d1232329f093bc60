package io.jenkins.plugins.gitops.engine.targets.directory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces files so that a reader, or a process killed half way, only ever sees the old or the new content:
 * the bytes go to a new temp file next to the target, are forced to disk, and the temp file is renamed over
 * the target. A temp file is named after its file and the writer's {@link Fence#tag() lock generation}, so a
 * paused run and the run that took its lock over never write into one temp file; a failed write removes its
 * temp file, and one left by a killed run is removed with {@link #discardTemps}. Readers never open temp
 * files because resource names cannot start with a dot.
 */
final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** Writers of the same file in this JVM take turns, since they share the temp name; other processes are kept out by the target lock. */
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private final Disk disk;
    private final boolean posix;

    AtomicFiles(Disk disk, Path root) {
        this.disk = disk;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Writes {@code content} as {@code file}, checking {@code fence} right before the rename. An owner-only file
     * is created with mode 0600; the folders are created by {@link #createFolders} beforehand.
     */
    void write(Path file, byte[] content, Fence fence, boolean ownerOnly) throws IOException {
        Path temp = tempOf(file, fence.tag());
        synchronized (STRIPES[Math.floorMod(file.hashCode(), STRIPES.length)]) {
            Files.deleteIfExists(temp); // left by a killed write of this generation
            Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + TEMP_SUFFIX)); // by an older version
            try {
                disk.writeNew(temp, content, ownerOnly && posix
                        ? Set.of(PosixFilePermissions.asFileAttribute(OWNER_FILE)) : Set.<FileAttribute<?>>of());
                fence.check();
                disk.rename(temp, file);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    /** Creates the folders down to {@code dir}; those from {@code ownerOnlyFrom} down are made (or made again) 0700. */
    void createFolders(Path dir, Path ownerOnlyFrom) throws IOException {
        Files.createDirectories(dir);
        if (ownerOnlyFrom != null && posix) {
            for (Path d = dir; d.startsWith(ownerOnlyFrom); d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d).equals(OWNER_FOLDER)) {
                    Files.setPosixFilePermissions(d, OWNER_FOLDER);
                }
            }
        }
    }

    /** Removes every temp file of {@code file}, whichever generation left it. */
    static void discardTemps(Path file) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + file.getFileName() + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
        })) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Whether {@code name} is a temp file of this class. */
    static boolean isTemp(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    private static Path tempOf(Path file, String tag) {
        return file.resolveSibling("." + file.getFileName() + "." + tag + TEMP_SUFFIX);
    }
}
