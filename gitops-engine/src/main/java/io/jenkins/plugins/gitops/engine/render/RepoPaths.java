package io.jenkins.plugins.gitops.engine.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Repository-relative paths ('/'-separated, "" for the root), resolved lexically so the host OS never matters. */
final class RepoPaths {
    private RepoPaths() {
    }

    /** {@code reference} relative to {@code dir}, normalized; empty when it leaves the repository or is absolute. */
    static Optional<String> resolve(String dir, String reference) {
        if (reference.startsWith("/") || reference.startsWith("\\") || reference.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : (dir + "/" + reference).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
