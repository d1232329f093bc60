package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import java.util.List;

/**
 * A plan as Markdown for a pull-request check or comment: counts, the list of changes, then each diff
 * in a collapsed block. Never longer than asked (the Checks API refuses more than 65,535 characters):
 * it stops at a whole entry and says how many are left out, so no fence or tag is ever left open.
 */
public final class PlanMarkdown {
    /** The Checks API limit for a check run's summary and text. */
    public static final int CHECKS_API_LIMIT = 65_535;
    /** Room for the header and the note at their longest. */
    public static final int MIN_CHARS = 4096;
    private static final int MAX_FIELD = 120;
    private static final int MAX_NAME = 300;

    private PlanMarkdown() {
    }

    public static String render(Plan plan, int maxChars) {
        if (maxChars < MIN_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_CHARS);
        }
        StringBuilder out = new StringBuilder();
        header(plan, out);
        List<Change> changed = Labels.changed(plan);
        if (changed.isEmpty()) {
            return out.append('\n').append(Labels.NO_CHANGES).append('\n').toString();
        }
        int limit = maxChars - note(changed.size(), true).length();

        out.append("\n**Changes**\n\n");
        int listed = appendWhileFits(out, changed.stream().map(PlanMarkdown::item).toList(), limit);
        if (listed < changed.size()) {
            return out.append(note(changed.size() - listed, false)).toString();
        }
        String diffsHeading = "\n**Diffs**\n\n";
        if (out.length() + diffsHeading.length() > limit) {
            return out.append(note(changed.size(), true)).toString();
        }
        out.append(diffsHeading);
        List<String> blocks = changed.stream().map(PlanMarkdown::details).toList();
        int shown = appendWhileFits(out, blocks, limit);
        return shown < changed.size() ? out.append(note(changed.size() - shown, true)).toString() : out.toString();
    }

    private static void header(Plan plan, StringBuilder out) {
        PlanSummary s = plan.summary();
        out.append("### GitOps plan: ").append(field(Labels.target(plan))).append("\n\n")
                .append("Commit ").append(field(Labels.shortCommit(plan.commit())))
                .append(" · path ").append(field(Labels.path(plan)));
        plan.renderedBy().forEach(tool -> out.append(" · charts rendered by ").append(field(tool)));
        out.append("\n\n")
                .append("| Create | Update | Delete | Unchanged |").append(s.run() > 0 ? " Run |\n" : "\n")
                .append("|---:|---:|---:|---:|").append(s.run() > 0 ? "---:|\n" : "\n")
                .append("| ").append(s.create()).append(" | ").append(s.update()).append(" | ").append(s.delete())
                .append(" | ").append(s.noop()).append(" |").append(s.run() > 0 ? " " + s.run() + " |\n" : "\n");
    }

    private static String field(String text) {
        return Escape.markdown(Escape.oneLine(text, MAX_FIELD));
    }

    /** Appends whole pieces in order until the next would pass {@code limit}; returns how many went in. */
    private static int appendWhileFits(StringBuilder out, List<String> pieces, int limit) {
        int n = 0;
        for (String piece : pieces) {
            if (out.length() + piece.length() > limit) {
                break;
            }
            out.append(piece);
            n++;
        }
        return n;
    }

    private static String item(Change c) {
        StringBuilder line = new StringBuilder("- `").append(Labels.mark(c.action())).append("` ")
                .append(Labels.verb(c.action())).append(' ')
                .append(Escape.markdown(Escape.oneLine(c.id().toString(), MAX_NAME)));
        if (c.origin() != null) {
            line.append(" (").append(Escape.markdown(Escape.oneLine(c.origin().toString(), MAX_NAME))).append(')');
        }
        return line.append('\n').toString();
    }

    /** A collapsed block; the summary is raw HTML (Markdown is not parsed there), the diff a fenced block. */
    private static String details(Change c) {
        String diff = Escape.printable(Labels.diff(c));
        String fence = "`".repeat(Math.max(3, longestBacktickRun(diff) + 1));
        return "<details><summary>" + Labels.mark(c.action()) + ' ' + Labels.verb(c.action()) + ' '
                + Escape.html(Escape.oneLine(c.id().toString(), MAX_NAME)) + "</summary>\n\n"
                + fence + "diff\n" + diff + fence + "\n\n</details>\n\n";
    }

    /** A fence longer than any backtick run inside cannot be closed by the diff's own text. */
    static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static String note(int notShown, boolean diffsOnly) {
        return "\n… " + (diffsOnly ? "diffs of " : "") + notShown + " more changes not shown; see the full plan.\n";
    }
}
