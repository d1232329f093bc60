package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.diff.SecretMasker;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.engine.report.Escape;
import io.jenkins.plugins.gitops.engine.report.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A plan as HTML fragments for the build page, in Jenkins' own design classes ({@code jenkins-table},
 * {@code jenkins-badge}, {@code jenkins-button}) so that every theme applies. Every string from the plan is
 * escaped; there is no script, style or event attribute, so the page works under a strict
 * Content-Security-Policy. A page lists at most {@value #MAX_PAGE_SIZE} resources and carries no diff:
 * each diff is a separate small fragment ({@link #diff}) fetched when its row is opened, so a plan of
 * 10,000 changes opens as fast as one of ten.
 */
public final class PlanHtml {
    public static final int MAX_PAGE_SIZE = 200;
    /**
     * Where a row's diff is fetched, relative to the page: the plugin's {@code doDiff}. A constant, so that no caller's
     * text can make a row's link another scheme's.
     */
    static final String DIFF_URL = "diff";
    /** Lines of one resource's diff shown; a generated 5 MB ConfigMap must not make the page unusable. */
    static final int MAX_DIFF_LINES = 2000;
    /** Resources listed as not applied; a failure in the first wave of 10,000 leaves the rest counted, not listed. */
    static final int MAX_SKIPPED_LISTED = 100;

    /** What one page shows: an action or null for all, a search text (may be empty), a 1-based page. */
    public record Query(Action filter, String search, int page, int pageSize) {
        public Query {
            search = search == null ? "" : search.strip();
            pageSize = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
        }
    }

    private PlanHtml() {
    }

    /** Commit (linked where the repository's host is known), path, target, and who planned and applied. */
    public static String header(Plan plan, Phase phase, PageLinks links) {
        StringBuilder out = new StringBuilder("<dl class=\"gitops-meta\">\n");
        String commit = Escape.html(Labels.shortCommit(plan.commit()));
        item(out, "Commit", CommitLink.of(plan.remoteUrl() != null ? plan.remoteUrl() : plan.repository(), plan.commit())
                .map(url -> "<a href=\"" + Escape.html(url) + "\"><code>" + commit + "</code></a>")
                .orElse("<code>" + commit + "</code>"));
        item(out, "Path", "<code>" + Escape.html(Labels.path(plan)) + "</code>");
        item(out, "Target", "<code>" + Escape.html(Labels.target(plan)) + "</code>");
        if (links.plannedBy() != null) {
            item(out, "Planned by", link(links.plannedBy(), links.plannedByUrl()));
        }
        if (links.appliedBy() != null) {
            item(out, "Applied by", link(links.appliedBy(), links.appliedByUrl()));
        }
        out.append("</dl>\n");
        return out.append(counts(plan.summary(), phase)).toString();
    }

    /** Coloured count badges: "2 create", "1 update", ... in the words of the phase. */
    public static String counts(PlanSummary s, Phase phase) {
        StringBuilder out = new StringBuilder("<p class=\"gitops-counts ").append(phaseCss(phase)).append("\">");
        count(out, Action.CREATE, s.create(), phase);
        count(out, Action.UPDATE, s.update(), phase);
        count(out, Action.DELETE, s.delete(), phase);
        count(out, Action.NOOP, s.noop(), phase);
        // Only plans with run-once hooks have runs; a "0 run" badge on every other plan would be noise.
        if (s.run() > 0) {
            count(out, Action.RUN, s.run(), phase);
        }
        return out.append("</p>\n").toString();
    }

    /**
     * One page of resources: the filter bar with counts, the search, a row per resource (action, id,
     * source, changed fields) with a collapsed diff that is fetched from {@code diff?n=<index>},
     * and the pager. "All" lists every resource, changes first.
     */
    public static String changesPage(Plan plan, Phase phase, Query query) {
        List<Integer> matching = IntStream.range(0, plan.changes().size())
                .filter(i -> matches(plan.changes().get(i), query.search())).boxed().toList();
        List<Integer> selected = new ArrayList<>();
        if (query.filter() == null) {
            matching.stream().filter(i -> plan.changes().get(i).action() != Action.NOOP).forEach(selected::add);
            matching.stream().filter(i -> plan.changes().get(i).action() == Action.NOOP).forEach(selected::add);
        } else {
            matching.stream().filter(i -> plan.changes().get(i).action() == query.filter()).forEach(selected::add);
        }
        int size = query.pageSize();
        int pages = Math.max(1, (selected.size() + size - 1) / size);
        int current = Math.min(Math.max(1, query.page()), pages);
        List<Integer> shown = selected.subList((current - 1) * size, Math.min(selected.size(), current * size));

        StringBuilder out = new StringBuilder("<div class=\"gitops-changes-page ").append(phaseCss(phase))
                .append("\">\n<div class=\"gitops-toolbar\">\n");
        filters(plan, matching, phase, query, out);
        search(query, out);
        out.append("</div>\n");
        if (shown.isEmpty()) {
            out.append("<p class=\"gitops-empty\">").append(query.search().isEmpty() && query.filter() == null
                    ? Labels.NO_CHANGES : "No resource matches.").append("</p>\n");
        } else {
            out.append("<table class=\"jenkins-table jenkins-table--small gitops-changes\">\n<thead><tr>")
                    .append("<th>Action</th><th>Resource</th><th>Source</th></tr></thead>\n<tbody>\n");
            shown.forEach(i -> row(plan.changes().get(i), i, phase, out));
            out.append("</tbody>\n</table>\n");
        }
        pager(query, current, pages, selected.size(), out);
        return out.append("</div>\n").toString();
    }

    /** The diff of one resource (an index into the plan's changes), or a note when there is none. */
    public static String diff(Plan plan, int index, Phase phase) {
        if (index < 0 || index >= plan.changes().size()) {
            return "<p class=\"gitops-empty\">No such resource in this plan.</p>\n";
        }
        Change change = plan.changes().get(index);
        String text = Labels.diff(change);
        if (text.isEmpty()) {
            return "<p class=\"gitops-empty\">No difference.</p>\n";
        }
        List<String> lines = text.lines().toList();
        String shown = String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_DIFF_LINES)));
        StringBuilder out = new StringBuilder();
        DiffHtml.render(SideBySide.rows(shown), phase, SecretMasker.isSecret(change.id()), out);
        if (lines.size() > MAX_DIFF_LINES) {
            out.append("<p class=\"gitops-truncated\">").append(lines.size() - MAX_DIFF_LINES)
                    .append(" more lines not shown; the plan file has the whole diff.</p>\n");
        }
        return out.toString();
    }

    /**
     * Resources that were not healthy when verify or apply checked, as the step result lists them
     * ({@code Deployment.apps/shop/web: IN_PROGRESS (1 of 3 replicas updated)}).
     */
    public static String unhealthy(List<String> unhealthy) {
        if (unhealthy.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<h2>Not healthy</h2>\n<ul class=\"gitops-unhealthy\">\n");
        for (String line : unhealthy) {
            boolean failed = line.contains(": " + HealthStatus.FAILED + " ") || line.endsWith(": " + HealthStatus.FAILED);
            out.append("<li><span class=\"jenkins-badge gitops-badge gitops-badge--")
                    .append(failed ? "failed\">failed" : "progressing\">not ready").append("</span> ")
                    .append(Escape.html(line)).append("</li>\n");
        }
        return out.append("</ul>\n").toString();
    }

    /**
     * After an apply that did not complete: each resource that failed with its reason, then those not written
     * because of a failure, and how many were done. Empty when every outcome is done or unchanged (the counts say
     * it all), and for a plan, a verify or a page kept before outcomes were.
     */
    public static String outcomes(List<Outcome> outcomes) {
        List<Outcome> failed = outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).toList();
        List<Outcome> skipped = outcomes.stream().filter(o -> o.status() == Outcome.Status.SKIPPED).toList();
        if (failed.isEmpty() && skipped.isEmpty()) {
            return "";
        }
        long done = outcomes.stream().filter(o -> o.status() == Outcome.Status.DONE).count();
        StringBuilder out = new StringBuilder("<h2>What the apply did</h2>\n<p class=\"gitops-counts\">");
        outcomeCount(out, "failed", failed.size(), "failed");
        outcomeCount(out, "noop", skipped.size(), "not applied");
        outcomeCount(out, "create", (int) done, "done");
        out.append("</p>\n<ul class=\"gitops-outcomes\">\n");
        for (Outcome o : failed) {
            outcomeItem(out, "failed", "failed", o, o.error());
        }
        skipped.stream().limit(MAX_SKIPPED_LISTED).forEach(o -> outcomeItem(out, "noop", "not applied", o,
                "not written because another resource failed"));
        if (skipped.size() > MAX_SKIPPED_LISTED) {
            out.append("<li>").append(skipped.size() - MAX_SKIPPED_LISTED).append(" more not applied</li>\n");
        }
        return out.append("</ul>\n").toString();
    }

    private static void outcomeCount(StringBuilder out, String css, int count, String word) {
        out.append("<span class=\"jenkins-badge gitops-badge gitops-badge--").append(css)
                .append(count == 0 ? " gitops-badge--zero" : "").append("\">").append(count).append(' ').append(word)
                .append("</span>");
    }

    private static void outcomeItem(StringBuilder out, String css, String word, Outcome o, String reason) {
        out.append("<li><span class=\"jenkins-badge gitops-badge gitops-badge--").append(css).append("\">")
                .append(word).append("</span> <code>").append(Escape.html(o.id().toString())).append("</code>");
        if (reason != null && !reason.isBlank()) {
            out.append(": <span class=\"gitops-outcome-reason\">").append(Escape.html(reason)).append("</span>");
        }
        out.append("</li>\n");
    }

    private static void item(StringBuilder out, String term, String html) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>\n");
    }

    private static String link(String label, String url) {
        String text = Escape.html(label);
        return safeUrl(url) ? "<a href=\"" + Escape.html(url) + "\">" + text + "</a>" : text;
    }

    /** Site-relative paths and web addresses only: a {@code javascript:} URL must never become a link. */
    static boolean safeUrl(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return url.startsWith("/") && !url.startsWith("//") || lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** A zero is marked so that the style can quieten it: "0 delete" in red would read as an alarm. */
    private static void count(StringBuilder out, Action action, int count, Phase phase) {
        out.append("<span class=\"jenkins-badge gitops-badge gitops-badge--").append(css(action))
                .append(count == 0 ? " gitops-badge--zero" : "").append("\">")
                .append(Escape.html(count + " " + phase.word(action))).append("</span>");
    }

    /**
     * The phase on the wrapper lets the style colour the same action by what it means: a create planned is
     * good news, a resource missing from the target (verify's create) is not.
     */
    private static String phaseCss(Phase phase) {
        return "gitops-phase-" + phase.name().toLowerCase(Locale.ROOT);
    }

    private static void badge(StringBuilder out, Action action, String text) {
        out.append("<span class=\"jenkins-badge gitops-badge gitops-badge--").append(css(action)).append("\">")
                .append(Escape.html(text)).append("</span>");
    }

    private static String css(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    private static boolean matches(Change change, String search) {
        if (search.isEmpty()) {
            return true;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        return change.id().toString().toLowerCase(Locale.ROOT).contains(needle)
                || change.id().group().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static void filters(Plan plan, List<Integer> matching, Phase phase, Query query, StringBuilder out) {
        int[] counts = new int[Action.values().length];
        matching.forEach(i -> counts[plan.changes().get(i).action().ordinal()]++);
        out.append("<nav class=\"gitops-filters\" aria-label=\"Filter by action\">");
        filterLink(null, "All", matching.size(), query, out);
        List<Action> actions = plan.summary().run() > 0
                ? List.of(Action.CREATE, Action.UPDATE, Action.DELETE, Action.RUN, Action.NOOP)
                : List.of(Action.CREATE, Action.UPDATE, Action.DELETE, Action.NOOP);
        for (Action action : actions) {
            String word = phase.word(action);
            filterLink(action, word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1),
                    counts[action.ordinal()], query, out);
        }
        out.append("</nav>\n");
    }

    private static void filterLink(Action action, String label, int count, Query query, StringBuilder out) {
        boolean selected = action == query.filter();
        out.append("<a class=\"jenkins-button jenkins-button--tertiary gitops-filter")
                .append(selected ? " gitops-filter--selected\" aria-current=\"page" : "").append("\" href=\"")
                .append(href(1, action, query.search())).append("\">").append(Escape.html(label))
                .append(" <span class=\"jenkins-badge gitops-count\">").append(count).append("</span></a>");
    }

    private static void search(Query query, StringBuilder out) {
        out.append("<form class=\"gitops-search\" method=\"get\" role=\"search\">")
                .append("<input class=\"jenkins-input\" type=\"search\" name=\"q\" value=\"")
                .append(Escape.html(query.search()))
                .append("\" placeholder=\"Kind, namespace or name\" aria-label=\"Search by kind, namespace or name\">");
        if (query.filter() != null) {
            out.append("<input type=\"hidden\" name=\"action\" value=\"").append(query.filter().name()).append("\">");
        }
        out.append("<button class=\"jenkins-button\" type=\"submit\">Search</button></form>\n");
    }

    private static void row(Change c, int index, Phase phase, StringBuilder out) {
        out.append("<tr class=\"gitops-row gitops-row--").append(css(c.action())).append("\">")
                .append("<td class=\"gitops-action\">");
        badge(out, c.action(), phase.word(c.action()));
        // Line breaks only after a '/', so that a narrow screen never splits a kind or a name mid-word.
        out.append("</td><td class=\"gitops-resource\"><code>")
                .append(Escape.html(c.id().toString()).replace("/", "/<wbr>")).append("</code>");
        if (!c.paths().isEmpty()) {
            out.append("<div class=\"gitops-paths\">").append(Escape.html(String.join(", ", c.paths())))
                    .append("</div>");
        }
        String origin = c.origin() == null ? "" : Escape.html(c.origin().toString());
        // The source column is hidden on a narrow screen; the style shows this copy under the name instead.
        if (!origin.isEmpty()) {
            out.append("<div class=\"gitops-origin-inline\">").append(origin).append("</div>");
        }
        out.append("</td><td class=\"gitops-origin\">").append(origin).append("</td></tr>\n");
        if (c.action() == Action.NOOP || Labels.diff(c).isEmpty()) {
            return;
        }
        String url = DIFF_URL + "?n=" + index;
        out.append("<tr class=\"gitops-diff-row\"><td colspan=\"3\"><details class=\"gitops-diff\" data-gitops-diff=\"")
                .append(url).append("\"><summary>Diff</summary><div class=\"gitops-diff-body\"><a href=\"").append(url)
                .append("\">Open the diff</a></div></details></td></tr>\n");
    }

    private static void pager(Query query, int current, int pages, int total, StringBuilder out) {
        int from = total == 0 ? 0 : (current - 1) * query.pageSize() + 1;
        int to = Math.min(total, current * query.pageSize());
        out.append("<nav class=\"gitops-pager\" aria-label=\"Pages\">");
        // One page has nowhere to go: four disabled buttons around the count would only be noise.
        if (pages > 1) {
            pageLink(1, query, "First", current > 1, out);
            pageLink(current - 1, query, "Previous", current > 1, out);
        }
        out.append("<span class=\"gitops-page\">").append(from).append("–").append(to).append(" of ").append(total)
                .append(" · page ").append(current).append(" of ").append(pages).append("</span>");
        if (pages > 1) {
            pageLink(current + 1, query, "Next", current < pages, out);
            pageLink(pages, query, "Last", current < pages, out);
        }
        out.append("</nav>\n");
    }

    private static void pageLink(int page, Query query, String label, boolean enabled, StringBuilder out) {
        if (enabled) {
            out.append("<a class=\"jenkins-button jenkins-button--tertiary\" href=\"")
                    .append(href(page, query.filter(), query.search())).append("\">").append(label).append("</a>");
        } else {
            out.append("<span class=\"jenkins-button jenkins-button--tertiary gitops-disabled\" aria-disabled=\"true\">")
                    .append(label).append("</span>");
        }
    }

    /** {@code ?page=N&action=UPDATE&q=...}, escaped for an attribute. */
    private static String href(int page, Action filter, String search) {
        return "?page=" + page + (filter == null ? "" : "&amp;action=" + filter.name())
                + (search.isEmpty() ? "" : "&amp;q=" + Escape.html(java.net.URLEncoder.encode(search,
                        java.nio.charset.StandardCharsets.UTF_8)));
    }
}
