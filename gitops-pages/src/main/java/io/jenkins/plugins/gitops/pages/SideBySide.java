package io.jenkins.plugins.gitops.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Side-by-side rows derived from a unified diff: removed and added lines of one change are paired row by
 * row, the rest of the change stays on one side. Hunk line counts decide where a hunk ends, so a removed
 * line that reads like a file header ({@code --- x}) is not mistaken for one.
 */
final class SideBySide {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    enum Kind { HUNK, CONTEXT, CHANGE, DELETE, INSERT }

    /** One row; a line number is 0 and its text "" where that side has no line. */
    record Row(Kind kind, int leftNumber, String left, int rightNumber, String right) {
    }

    private SideBySide() {
    }

    static List<Row> rows(String unifiedDiff) {
        List<String> lines = unifiedDiff.lines().toList();
        List<Row> rows = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher header = HUNK.matcher(lines.get(i++));
            if (!header.matches()) {
                continue;
            }
            rows.add(new Row(Kind.HUNK, 0, header.group(), 0, header.group()));
            Hunk hunk = new Hunk(rows, Integer.parseInt(header.group(1)), Integer.parseInt(header.group(3)));
            int oldLeft = count(header.group(2));
            int newLeft = count(header.group(4));
            while ((oldLeft > 0 || newLeft > 0) && i < lines.size()) {
                String line = lines.get(i++);
                char mark = line.isEmpty() ? ' ' : line.charAt(0);
                String text = line.isEmpty() ? "" : line.substring(1);
                if (mark == '-') {
                    hunk.removed.add(text);
                    oldLeft--;
                } else if (mark == '+') {
                    hunk.added.add(text);
                    newLeft--;
                } else if (mark == ' ') {
                    hunk.context(text);
                    oldLeft--;
                    newLeft--;
                }
                // Anything else ("\ No newline at end of file") carries no line.
            }
            hunk.flush();
        }
        return rows;
    }

    private static int count(String group) {
        return group == null ? 1 : Integer.parseInt(group);
    }

    /** The rows of one hunk as they are read, with the removed and added lines not yet paired. */
    private static final class Hunk {
        private final List<Row> rows;
        private final List<String> removed = new ArrayList<>();
        private final List<String> added = new ArrayList<>();
        private int left;
        private int right;

        Hunk(List<Row> rows, int left, int right) {
            this.rows = rows;
            this.left = left;
            this.right = right;
        }

        void context(String text) {
            flush();
            rows.add(new Row(Kind.CONTEXT, left++, text, right++, text));
        }

        void flush() {
            int pairs = Math.max(removed.size(), added.size());
            for (int k = 0; k < pairs; k++) {
                boolean hasLeft = k < removed.size();
                boolean hasRight = k < added.size();
                Kind kind = hasLeft && hasRight ? Kind.CHANGE : hasLeft ? Kind.DELETE : Kind.INSERT;
                rows.add(new Row(kind, hasLeft ? left++ : 0, hasLeft ? removed.get(k) : "",
                        hasRight ? right++ : 0, hasRight ? added.get(k) : ""));
            }
            removed.clear();
            added.clear();
        }
    }
}
