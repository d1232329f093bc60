package io.jenkins.plugins.gitops.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;

/** Directory trees for tests: a target's state put back from a pristine copy, a chart copied into a checkout. */
public final class Trees {
    private Trees() {
    }

    /** Makes {@code to} a copy of the tree at {@code from}, hidden files included; what {@code to} held goes first. */
    public static void replace(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                FileUtils.delete(to.toFile(), FileUtils.RECURSIVE);
            }
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path copy = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(p, copy);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
