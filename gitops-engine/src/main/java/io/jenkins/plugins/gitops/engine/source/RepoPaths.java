package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Repository-relative paths ('/'-separated, "" for the root), handled lexically so the host OS never matters.
 * Two kinds, two rules: a path a user gives ({@link #normalize}) may not contain {@code ..} at all, while a
 * reference written in a file ({@link #resolve}, as kustomize's {@code ../base}) may climb as long as it stays
 * inside the repository.
 */
public final class RepoPaths {
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");

    private RepoPaths() {
    }

    /** "" for null or blank; otherwise the '/'-separated path without "." segments or outer slashes. */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) {
            return "";
        }
        if (path.indexOf('\\') >= 0 || DRIVE_LETTER.matcher(path).matches()) {
            throw new GitopsException("path '" + path + "' uses a backslash or a drive letter;"
                    + " give a '/'-separated path inside the repository");
        }
        if (path.startsWith("/")) {
            throw new GitopsException("path '" + path + "' is absolute; give a path relative to the repository root");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new GitopsException("path '" + path + "' leaves the repository; give a path inside it");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** {@code reference} relative to {@code dir}, normalized; empty when it leaves the repository or is absolute. */
    public static Optional<String> resolve(String dir, String reference) {
        if (reference.startsWith("/") || reference.startsWith("\\") || DRIVE_LETTER.matcher(reference).matches()) {
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

    public static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
