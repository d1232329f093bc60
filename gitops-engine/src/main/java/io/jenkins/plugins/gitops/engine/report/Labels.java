package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import java.util.List;
import java.util.Locale;

/**
 * The words and marks every rendering uses for a plan, so text, Markdown and the Jenkins pages (gitops-pages) say the
 * same.
 */
public final class Labels {
    public static final String NO_CHANGES = "No changes.";

    private Labels() {
    }

    static String verb(Action action) {
        return action == Action.NOOP ? "unchanged" : action.name().toLowerCase(Locale.ROOT);
    }

    static char mark(Action action) {
        return switch (action) {
            case CREATE -> '+';
            case UPDATE -> '~';
            case DELETE -> '-';
            case NOOP -> '=';
            case RUN -> '>';
        };
    }

    public static String shortCommit(String commit) {
        if (commit == null || commit.isEmpty()) {
            return "-";
        }
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** The environment path; "." for the repository root. */
    public static String path(Plan plan) {
        return plan.path() == null || plan.path().isEmpty() ? "." : plan.path();
    }

    public static String target(Plan plan) {
        return plan.target() == null ? "-" : plan.target();
    }

    /** The change's diff, ending with a line break unless empty. */
    public static String diff(Change change) {
        String diff = change.diff() == null ? "" : change.diff();
        return diff.isEmpty() || diff.endsWith("\n") ? diff : diff + "\n";
    }

    static List<Change> changed(Plan plan) {
        return plan.changes().stream().filter(c -> c.action() != Action.NOOP).toList();
    }
}
