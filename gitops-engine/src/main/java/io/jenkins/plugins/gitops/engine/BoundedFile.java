package io.jenkins.plugins.gitops.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file the user names whole (a variable file, a plan file, a kubeconfig, a password file), but never more
 * than a limit: {@code /dev/zero}, a FIFO fed forever or a huge file by mistake end in a clear error naming the
 * file and the limit, not in the whole process running out of memory. A device reports no size, so the bytes are
 * counted as they are read.
 */
public final class BoundedFile {
    private BoundedFile() {
    }

    /**
     * @param what what the file is, for the message ("variable file", "plan file")
     * @throws GitopsException when the file holds more than {@code limit} bytes
     * @throws IOException when it cannot be read
     */
    public static byte[] read(Path file, int limit, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new GitopsException(what + " " + file + " holds more than " + describe(limit)
                        + ", the most gitops reads from a " + what + "; check that it is the file you meant");
            }
            return bytes;
        }
    }

    static String describe(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
