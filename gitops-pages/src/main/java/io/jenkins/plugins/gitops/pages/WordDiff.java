package io.jenkins.plugins.gitops.pages;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.jenkins.plugins.gitops.engine.report.Escape;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words that changed between a removed line and the added line paired with it, so that a new
 * image tag stands out in a 200-character line. Both lines come out HTML-escaped; the marks are the only
 * markup added.
 */
final class WordDiff {
    /** Words, runs of spaces and single punctuation marks: a changed tag in {@code nginx:1.25} is one token. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+|\\s+|.");
    /** Beyond this, a line is long generated text: marking it word by word costs more than it tells. */
    static final int MAX_LINE = 2_000;

    record Marked(String left, String right) {
    }

    private WordDiff() {
    }

    static Marked mark(String removed, String added) {
        if (removed.length() > MAX_LINE || added.length() > MAX_LINE) {
            return new Marked(Escape.html(removed), Escape.html(added));
        }
        List<String> before = tokens(removed);
        List<String> after = tokens(added);
        Patch<String> patch = DiffUtils.diff(before, after);
        boolean[] leftChanged = new boolean[before.size()];
        boolean[] rightChanged = new boolean[after.size()];
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            fill(leftChanged, delta.getSource().getPosition(), delta.getSource().size());
            fill(rightChanged, delta.getTarget().getPosition(), delta.getTarget().size());
        }
        bridge(before, leftChanged);
        bridge(after, rightChanged);
        return new Marked(render(before, leftChanged, "gitops-word-del"), render(after, rightChanged, "gitops-word-add"));
    }

    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static void fill(boolean[] marks, int from, int count) {
        for (int i = from; i < from + count; i++) {
            marks[i] = true;
        }
    }

    /** A space between two changed words joins them, so "new text" reads as one change, not two. */
    private static void bridge(List<String> tokens, boolean[] changed) {
        for (int i = 1; i < tokens.size() - 1; i++) {
            if (!changed[i] && changed[i - 1] && changed[i + 1] && tokens.get(i).isBlank()) {
                changed[i] = true;
            }
        }
    }

    /** Adjacent changed tokens share one mark, so a changed phrase reads as one highlight. */
    private static String render(List<String> tokens, boolean[] changed, String css) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (changed[i] && (i == 0 || !changed[i - 1])) {
                out.append("<mark class=\"").append(css).append("\">");
            }
            out.append(Escape.html(tokens.get(i)));
            if (changed[i] && (i == tokens.size() - 1 || !changed[i + 1])) {
                out.append("</mark>");
            }
        }
        return out.toString();
    }
}
