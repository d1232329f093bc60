package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The applied revisions of a target, newest first, one per line. */
public final class HistoryText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private HistoryText() {
    }

    public static String render(Inventory inventory) {
        List<Revision> history = inventory.history();
        if (history.isEmpty()) {
            return "No revision has been applied to this target yet.\n";
        }
        StringBuilder s = new StringBuilder(String.format("%-20s  %-40s  %-9s  %-16s  %s%n", "APPLIED (UTC)", "COMMIT",
                "RESOURCES", "USER", "PATH / BUILD"));
        for (int i = history.size() - 1; i >= 0; i--) {
            Revision r = history.get(i);
            s.append(String.format("%-20s  %-40s  %9d  %-16s  %s%s%s%n", TIME.format(r.appliedAt()), r.commit(), r.resources(),
                    r.user(), r.path().isEmpty() ? "." : r.path(), r.buildUrl() == null ? "" : "  ",
                    r.buildUrl() == null ? "" : r.buildUrl()));
        }
        return Escape.printable(s.toString());
    }
}
