package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Nothing under the target's root is opened through a symbolic link: a linked resource file could show
 * another target's Secret in a plan under a harmless id, and a linked folder would let an apply write outside
 * the root. The root itself may be a link: it is what the user named.
 */
final class NoLinks {
    private NoLinks() {
    }

    /** @throws TargetException naming the first link between {@code root} (exclusive) and {@code path} */
    static void check(Path root, Path path) {
        Path relative = root.relativize(path);
        Path current = root;
        for (Path part : relative) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new TargetException(current + " is a symbolic link; gitops never follows links inside the"
                        + " target folder (one could lead outside it, or to another target's files). Remove the"
                        + " link; the next apply writes a regular file in its place");
            }
        }
    }
}
