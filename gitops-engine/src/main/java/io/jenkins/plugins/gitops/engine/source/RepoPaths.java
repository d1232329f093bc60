package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Repository-relative paths as users write them, checked so that they cannot leave the repository. */
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

    static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
