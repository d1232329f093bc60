package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import java.util.List;
import java.util.Locale;

/**
 * A plan as HTML fragments for the build page. Every string from the plan is escaped; styling is by CSS
 * class only and there is no script or event attribute, so the page works under a strict
 * Content-Security-Policy. A page holds at most {@code pageSize} changes, so a plan of 10,000 changes
 * never becomes one huge page.
 */
public final class PlanHtml {
    public static final int MAX_PAGE_SIZE = 200;
    /** Lines of one resource's diff shown; a generated 5 MB ConfigMap must not make the page unusable. */
    static final int MAX_DIFF_LINES = 2000;

    private PlanHtml() {
    }

    public static String summary(Plan plan) {
        PlanSummary s = plan.summary();
        StringBuilder out = new StringBuilder("<div class=\"gitops-summary\">\n<p class=\"gitops-source\">")
                .append("Target <code>").append(Escape.html(Labels.target(plan)))
                .append("</code>, commit <code>").append(Escape.html(Labels.shortCommit(plan.commit())))
                .append("</code>, path <code>").append(Escape.html(Labels.path(plan))).append("</code></p>\n")
                .append("<table class=\"gitops-counts\">\n<tr><th>Create</th><th>Update</th><th>Delete</th>")
                .append("<th>Unchanged</th></tr>\n<tr><td class=\"gitops-create\">").append(s.create())
                .append("</td><td class=\"gitops-update\">").append(s.update())
                .append("</td><td class=\"gitops-delete\">").append(s.delete())
                .append("</td><td class=\"gitops-noop\">").append(s.noop()).append("</td></tr>\n</table>\n");
        if (!s.hasChanges()) {
            out.append("<p class=\"gitops-no-changes\">").append(Labels.NO_CHANGES).append("</p>\n");
        }
        return out.append("</div>\n").toString();
    }

    /**
     * One page of changes with their unified and side-by-side diffs, and links to the other pages and
     * filters. {@code filterOrNull} null shows every change that is not NOOP; {@code page} is 1-based and
     * clamped to the pages there are; {@code pageSize} is clamped to 1..{@value #MAX_PAGE_SIZE}.
     */
    public static String changesPage(Plan plan, Action filterOrNull, int page, int pageSize) {
        List<Change> selected = filterOrNull == null ? Labels.changed(plan)
                : plan.changes().stream().filter(c -> c.action() == filterOrNull).toList();
        int size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
        int pages = Math.max(1, (selected.size() + size - 1) / size);
        int current = Math.min(Math.max(1, page), pages);
        List<Change> shown = selected.subList((current - 1) * size, Math.min(selected.size(), current * size));

        StringBuilder out = new StringBuilder("<div class=\"gitops-changes-page\">\n");
        filters(plan, filterOrNull, out);
        if (shown.isEmpty()) {
            out.append("<p class=\"gitops-no-changes\">").append(Labels.NO_CHANGES).append("</p>\n");
        } else {
            out.append("<table class=\"gitops-changes\">\n<thead><tr><th>Action</th><th>Resource</th>")
                    .append("<th>Source</th></tr></thead>\n<tbody>\n");
            shown.forEach(c -> change(c, out));
            out.append("</tbody>\n</table>\n");
        }
        pager(filterOrNull, current, pages, out);
        return out.append("</div>\n").toString();
    }

    private static void filters(Plan plan, Action filter, StringBuilder out) {
        PlanSummary s = plan.summary();
        out.append("<nav class=\"gitops-filters\">");
        filterLink(null, "All changes", s.create() + s.update() + s.delete(), filter, out);
        filterLink(Action.CREATE, "Create", s.create(), filter, out);
        filterLink(Action.UPDATE, "Update", s.update(), filter, out);
        filterLink(Action.DELETE, "Delete", s.delete(), filter, out);
        filterLink(Action.NOOP, "Unchanged", s.noop(), filter, out);
        out.append("</nav>\n");
    }

    private static void filterLink(Action action, String label, int count, Action current, StringBuilder out) {
        out.append("<a href=\"").append(href(1, action)).append('"')
                .append(action == current ? " class=\"gitops-selected\"" : "")
                .append('>').append(label).append(" (").append(count).append(")</a>");
    }

    private static void pager(Action filter, int current, int pages, StringBuilder out) {
        out.append("<nav class=\"gitops-pages\">");
        pageLink(1, filter, "First", current > 1, out);
        pageLink(current - 1, filter, "Previous", current > 1, out);
        out.append("<span class=\"gitops-page\">Page ").append(current).append(" of ").append(pages).append("</span>");
        pageLink(current + 1, filter, "Next", current < pages, out);
        pageLink(pages, filter, "Last", current < pages, out);
        out.append("</nav>\n");
    }

    private static void pageLink(int page, Action filter, String label, boolean enabled, StringBuilder out) {
        if (enabled) {
            out.append("<a href=\"").append(href(page, filter)).append("\">").append(label).append("</a>");
        } else {
            out.append("<span class=\"gitops-disabled\">").append(label).append("</span>");
        }
    }

    /** {@code ?page=N&action=UPDATE}, escaped for an attribute. */
    private static String href(int page, Action filter) {
        return "?page=" + page + (filter == null ? "" : "&amp;action=" + filter.name());
    }

    private static void change(Change c, StringBuilder out) {
        String action = c.action().name().toLowerCase(Locale.ROOT);
        out.append("<tr class=\"gitops-change gitops-").append(action).append("\"><td class=\"gitops-action\">")
                .append(Labels.verb(c.action())).append("</td><td class=\"gitops-resource\">")
                .append(Escape.html(c.id().toString())).append("</td><td class=\"gitops-origin\">")
                .append(c.origin() == null ? "" : Escape.html(c.origin().toString())).append("</td></tr>\n");
        List<String> lines = Labels.diff(c).lines().toList();
        if (lines.isEmpty()) {
            return;
        }
        String diff = String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_DIFF_LINES)));
        out.append("<tr class=\"gitops-diff\"><td colspan=\"3\">\n<details><summary>Unified diff</summary>\n");
        unified(diff, out);
        out.append("</details>\n<details><summary>Side by side</summary>\n");
        sideBySide(diff, out);
        out.append("</details>\n");
        if (lines.size() > MAX_DIFF_LINES) {
            out.append("<p class=\"gitops-truncated\">").append(lines.size() - MAX_DIFF_LINES)
                    .append(" more lines not shown; see the plan file.</p>\n");
        }
        out.append("</td></tr>\n");
    }

    private static void unified(String diff, StringBuilder out) {
        out.append("<pre class=\"gitops-unified\">");
        boolean inHunks = false;
        for (String line : diff.lines().toList()) {
            inHunks |= line.startsWith("@@");
            String kind = !inHunks ? "file" : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add"
                    : line.startsWith("-") ? "del" : "ctx";
            out.append("<span class=\"gitops-").append(kind).append("\">").append(Escape.html(line))
                    .append("</span>\n");
        }
        out.append("</pre>\n");
    }

    private static void sideBySide(String diff, StringBuilder out) {
        out.append("<table class=\"gitops-side-by-side\">\n<thead><tr><th colspan=\"2\">Live</th>")
                .append("<th colspan=\"2\">Desired</th></tr></thead>\n<tbody>\n");
        for (SideBySide.Row row : SideBySide.rows(diff)) {
            String kind = row.kind().name().toLowerCase(Locale.ROOT);
            if (row.kind() == SideBySide.Kind.HUNK) {
                out.append("<tr class=\"gitops-hunk\"><td colspan=\"4\">").append(Escape.html(row.left()))
                        .append("</td></tr>\n");
                continue;
            }
            out.append("<tr class=\"gitops-sbs-").append(kind).append("\">");
            cell(row.leftNumber(), row.left(), "gitops-old", out);
            cell(row.rightNumber(), row.right(), "gitops-new", out);
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void cell(int number, String text, String side, StringBuilder out) {
        out.append("<td class=\"gitops-line-number\">").append(number > 0 ? Integer.toString(number) : "")
                .append("</td><td class=\"").append(side).append("\">").append(Escape.html(text)).append("</td>");
    }
}
