package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.engine.diff.SecretMasker;
import io.jenkins.plugins.gitops.engine.report.Escape;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource's diff as two views of the same rows: unified (removed lines, then the added lines that
 * replace them) and side by side. A removed line and the added line paired with it have their changed
 * words marked. In a Secret, a masked value says that it is hidden, so nobody mistakes the mask for the
 * value.
 */
final class DiffHtml {
    private DiffHtml() {
    }

    static void render(List<SideBySide.Row> rows, Phase phase, boolean secret, StringBuilder out) {
        List<Marked> marked = new ArrayList<>(rows.size());
        for (SideBySide.Row row : rows) {
            marked.add(mark(row, secret));
        }
        out.append("<div class=\"gitops-diff-views\">\n<div class=\"gitops-view-switch\" role=\"group\" ")
                .append("aria-label=\"Diff view\"><button type=\"button\" class=\"jenkins-button jenkins-button--tertiary ")
                .append("gitops-view gitops-view--selected\" data-gitops-view=\"unified\">Unified</button>")
                .append("<button type=\"button\" class=\"jenkins-button jenkins-button--tertiary gitops-view\" ")
                .append("data-gitops-view=\"split\">Side by side</button></div>\n");
        unified(marked, out);
        split(marked, phase, out);
        out.append("</div>\n");
    }

    /** A row with both sides escaped and, for a changed pair, their differing words marked. */
    private record Marked(SideBySide.Row row, String left, String right) {
    }

    private static Marked mark(SideBySide.Row row, boolean secret) {
        if (row.kind() == SideBySide.Kind.CHANGE) {
            WordDiff.Marked words = WordDiff.mark(row.left(), row.right());
            return new Marked(row, words.left() + hidden(row.left(), secret), words.right() + hidden(row.right(), secret));
        }
        return new Marked(row, Escape.html(row.left()) + hidden(row.left(), secret),
                Escape.html(row.right()) + hidden(row.right(), secret));
    }

    private static String hidden(String line, boolean secret) {
        if (!secret) {
            return "";
        }
        if (line.contains(SecretMasker.BEFORE) || line.contains(SecretMasker.AFTER)) {
            return " <span class=\"jenkins-badge gitops-hidden\">value changed, hidden</span>";
        }
        return line.contains(SecretMasker.SAME) ? " <span class=\"jenkins-badge gitops-hidden\">hidden</span>" : "";
    }

    private static void unified(List<Marked> rows, StringBuilder out) {
        out.append("<table class=\"gitops-unified\">\n<tbody>\n");
        List<Marked> added = new ArrayList<>();
        for (Marked m : rows) {
            SideBySide.Row row = m.row();
            switch (row.kind()) {
                case HUNK -> {
                    flush(added, out);
                    out.append("<tr class=\"gitops-hunk\"><td colspan=\"4\">").append(m.left()).append("</td></tr>\n");
                }
                case CONTEXT -> {
                    flush(added, out);
                    line(out, "ctx", row.leftNumber(), row.rightNumber(), ' ', m.left());
                }
                case DELETE -> line(out, "del", row.leftNumber(), 0, '-', m.left());
                case INSERT -> added.add(m);
                case CHANGE -> {
                    line(out, "del", row.leftNumber(), 0, '-', m.left());
                    added.add(m);
                }
            }
        }
        flush(added, out);
        out.append("</tbody>\n</table>\n");
    }

    /** Added lines follow the removed lines they replace, as in a unified diff. */
    private static void flush(List<Marked> added, StringBuilder out) {
        for (Marked m : added) {
            line(out, "add", 0, m.row().rightNumber(), '+', m.right());
        }
        added.clear();
    }

    private static void line(StringBuilder out, String kind, int left, int right, char sign, String html) {
        out.append("<tr class=\"gitops-line gitops-line--").append(kind).append("\"><td class=\"gitops-num\">")
                .append(left > 0 ? Integer.toString(left) : "").append("</td><td class=\"gitops-num\">")
                .append(right > 0 ? Integer.toString(right) : "").append("</td><td class=\"gitops-sign\">").append(sign)
                .append("</td><td class=\"gitops-code\">").append(html).append("</td></tr>\n");
    }

    private static void split(List<Marked> rows, Phase phase, StringBuilder out) {
        out.append("<table class=\"gitops-split\">\n<thead><tr><th colspan=\"2\">").append(Escape.html(phase.left()))
                .append("</th><th colspan=\"2\">").append(Escape.html(phase.right())).append("</th></tr></thead>\n<tbody>\n");
        for (Marked m : rows) {
            SideBySide.Row row = m.row();
            if (row.kind() == SideBySide.Kind.HUNK) {
                out.append("<tr class=\"gitops-hunk\"><td colspan=\"4\">").append(m.left()).append("</td></tr>\n");
                continue;
            }
            boolean changed = row.kind() != SideBySide.Kind.CONTEXT;
            out.append("<tr class=\"gitops-line\">");
            cell(out, row.leftNumber(), m.left(), changed && row.leftNumber() > 0 ? "del" : row.leftNumber() > 0 ? "ctx" : "none");
            cell(out, row.rightNumber(), m.right(), changed && row.rightNumber() > 0 ? "add" : row.rightNumber() > 0 ? "ctx" : "none");
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void cell(StringBuilder out, int number, String html, String kind) {
        out.append("<td class=\"gitops-num\">").append(number > 0 ? Integer.toString(number) : "")
                .append("</td><td class=\"gitops-code gitops-line--").append(kind).append("\">").append(html).append("</td>");
    }
}
