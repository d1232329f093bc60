package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.engine.report.Escape;
import java.util.List;

/**
 * One line for a failed call on the build's summary (its page shows the whole error). Errors with several problems
 * introduce them with a line ending in ':' ("invalid desired state (1 problem); nothing was applied:"), which alone
 * tells the reader nothing they can act on, so the first problem, with its file and line, joins it.
 */
public final class ErrorHeadline {
    private ErrorHeadline() {
    }

    /** The headline, escaped as every markup of this module is, for the view to print as it is. */
    public static String html(String error) {
        List<String> lines = error.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return Escape.html(lines.size() == 2 && lines.get(0).endsWith(":") ? lines.get(0) + " " + lines.get(1)
                : lines.get(0));
    }
}
