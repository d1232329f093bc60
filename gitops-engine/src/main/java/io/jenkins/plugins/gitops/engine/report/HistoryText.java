package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A target's history, newest first, one entry per line. */
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
        StringBuilder s = new StringBuilder(String.format("%-20s  %-24s  %-40s  %-9s  %-16s  %s%n", "TIME (UTC)",
                "WHAT", "COMMIT", "RESOURCES", "USER", "PATH / BUILD"));
        for (int i = history.size() - 1; i >= 0; i--) {
            Revision r = history.get(i);
            s.append(String.format("%-20s  %-24s  %-40s  %9d  %-16s  %s%s%s%n", TIME.format(r.appliedAt()),
                    Escape.printable(what(r)), Escape.printable(r.commit()), r.resources(), Escape.printable(
                            String.valueOf(r.user())), Escape.printable(r.path().isEmpty() ? "." : r.path()),
                    r.buildUrl() == null ? "" : "  ", r.buildUrl() == null ? "" : Escape.printable(r.buildUrl())));
        }
        return Escape.printable(s.toString());
    }

    /** "applied", "rolled back", "apply failed (class)", "verify: drift", ... */
    static String what(Revision r) {
        if (r.event() == Revision.Event.VERIFY) {
            return "verify: " + r.result().name().toLowerCase(Locale.ROOT);
        }
        if (r.result() == Revision.Result.FAILED) {
            return "apply failed" + (r.errorClass() == null ? "" : " (" + r.errorClass() + ")");
        }
        return r.rollback() ? "rolled back" : "applied";
    }
}
