package io.jenkins.plugins.gitops.engine.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * The unified diff of two texts given as lines, in the format plans have always stored (java-diff-utils'
 * {@code UnifiedDiffUtils}: {@code --- from}, {@code +++ to}, hunks {@code @@ -a,b +c,d @@} with 3 lines of
 * context, hunks merged when at most 6 lines apart).
 *
 * <p>java-diff-utils' Myers diff alone costs the product of the text's length and the number of changed lines in
 * time, and their square in memory: creating a 20,000-line CRD took seconds and hundreds of MB. Now a create or a
 * delete needs no diff at all (one hunk of every line). A change is first diffed in near-linear time
 * ({@link #anchored}: lines unique on both sides anchor it, JGit's histogram diff fills the gaps). Its edit count
 * bounds the Myers diff's from above, so where Myers is affordable by that bound, its edits are used: between
 * equally short scripts (a block replaced around a repeated line) the algorithms choose differently, and a plan's
 * text should not change with the engine's version where nothing forces it to.
 */
public final class UnifiedDiff {
    static final int CONTEXT_LINES = 3;
    /**
     * Most work a Myers diff may take, in steps of (lines + edits) x edits: about 50 ms, and the edit paths it keeps
     * (edits squared) a few MB.
     */
    static final long MYERS_BUDGET = 10_000_000L;
    private static final DiffAlgorithm HISTOGRAM = new HistogramDiff();

    private UnifiedDiff() {
    }

    /** "" when the lines are equal. */
    public static String between(String from, String to, List<String> before, List<String> after) {
        return format(from, to, before, after, edits(before, after));
    }

    static EditList edits(List<String> before, List<String> after) {
        EditList edits = new EditList();
        if (before.isEmpty() || after.isEmpty()) {
            if (!before.isEmpty() || !after.isEmpty()) {
                edits.add(new Edit(0, before.size(), 0, after.size()));
            }
            return edits;
        }
        EditList anchored = anchored(before, after);
        long edited = 0;
        for (Edit e : anchored) {
            edited += e.getLengthA() + e.getLengthB();
        }
        if ((before.size() + after.size() + edited) * edited > MYERS_BUDGET) {
            return anchored;
        }
        EditList myers = new EditList();
        for (AbstractDelta<String> d : DiffUtils.diff(before, after).getDeltas()) {
            int a = d.getSource().getPosition();
            int b = d.getTarget().getPosition();
            myers.add(new Edit(a, a + d.getSource().size(), b, b + d.getTarget().size()));
        }
        return myers;
    }

    /**
     * Patience's first step, then histogram: the lines found exactly once on each side are paired, the longest run of
     * pairs in the same order on both sides (a longest increasing subsequence, n log n) anchors the diff, and only the
     * gaps between anchors are diffed by JGit's histogram diff. Alone, the histogram diff cuts a text at one common run
     * at a time and scans what is left again, so a 5 MB CRD with a changed description every hundred lines took
     * minutes; between anchors, every gap is a few lines.
     */
    static EditList anchored(List<String> before, List<String> after) {
        Map<String, int[]> seen = new HashMap<>();
        for (int a = 0; a < before.size(); a++) {
            int[] s = seen.computeIfAbsent(before.get(a), k -> new int[] {0, 0, -1});
            s[0]++;
            s[2] = a;
        }
        int[] pairOf = new int[before.size()];
        Arrays.fill(pairOf, -1);
        for (int b = 0; b < after.size(); b++) {
            int[] s = seen.get(after.get(b));
            if (s != null && ++s[1] == 1 && s[0] == 1) {
                pairOf[s[2]] = b;
            } else if (s != null && s[1] == 2 && s[0] == 1) {
                pairOf[s[2]] = -1;
            }
        }
        EditList edits = new EditList();
        int lastA = 0;
        int lastB = 0;
        for (int[] anchor : increasing(pairOf)) {
            gap(before, after, lastA, anchor[0], lastB, anchor[1], edits);
            lastA = anchor[0] + 1;
            lastB = anchor[1] + 1;
        }
        gap(before, after, lastA, before.size(), lastB, after.size(), edits);
        return edits;
    }

    private static void gap(List<String> before, List<String> after, int fromA, int toA, int fromB, int toB,
            EditList edits) {
        if (fromA == toA && fromB == toB) {
            return;
        }
        if (fromA == toA || fromB == toB) {
            edits.add(new Edit(fromA, toA, fromB, toB));
            return;
        }
        for (Edit e : HISTOGRAM.diff(LinesComparator.INSTANCE, new Lines(before.subList(fromA, toA)),
                new Lines(after.subList(fromB, toB)))) {
            edits.add(new Edit(e.getBeginA() + fromA, e.getEndA() + fromA, e.getBeginB() + fromB, e.getEndB() + fromB));
        }
    }

    /** The longest run of pairs (a, pairOf[a]) increasing in both, as {a, b}; pairOf[a] < 0 is no pair. */
    private static List<int[]> increasing(int[] pairOf) {
        int[] tails = new int[pairOf.length];
        int[] previous = new int[pairOf.length];
        int length = 0;
        for (int a = 0; a < pairOf.length; a++) {
            if (pairOf[a] < 0) {
                continue;
            }
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (pairOf[tails[mid]] < pairOf[a]) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            previous[a] = low > 0 ? tails[low - 1] : -1;
            tails[low] = a;
            length = Math.max(length, low + 1);
        }
        int[][] run = new int[length][];
        for (int i = length - 1, a = length > 0 ? tails[length - 1] : -1; i >= 0; i--, a = previous[a]) {
            run[i] = new int[] {a, pairOf[a]};
        }
        return Arrays.asList(run);
    }

    /** The text of {@code edits} (sorted, not overlapping) as UnifiedDiffUtils writes it. */
    static String format(String from, String to, List<String> before, List<String> after, List<Edit> edits) {
        if (edits.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(64 + 16 * (before.size() + after.size()));
        out.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
        int first = 0;
        for (int i = 1; i <= edits.size(); i++) {
            if (i == edits.size()
                    || edits.get(i - 1).getEndA() + CONTEXT_LINES < edits.get(i).getBeginA() - CONTEXT_LINES) {
                hunk(out, before, after, edits.subList(first, i));
                first = i;
            }
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<String> before, List<String> after, List<Edit> edits) {
        Edit head = edits.get(0);
        Edit tail = edits.get(edits.size() - 1);
        int contextStart = Math.max(0, head.getBeginA() - CONTEXT_LINES);
        int contextEnd = Math.min(before.size(), tail.getEndA() + CONTEXT_LINES);
        int lengthA = contextEnd - contextStart;
        int lengthB = lengthA;
        for (Edit e : edits) {
            lengthB += e.getLengthB() - e.getLengthA();
        }
        // UnifiedDiffUtils counts both starts from 1 even for an empty side ("-1,0"), unlike GNU diff's "-0,0".
        out.append("@@ -").append(Math.max(1, head.getBeginA() + 1 - CONTEXT_LINES)).append(',').append(lengthA)
                .append(" +").append(Math.max(1, head.getBeginB() + 1 - CONTEXT_LINES)).append(',').append(lengthB)
                .append(" @@\n");
        int line = contextStart;
        for (Edit e : edits) {
            for (; line < e.getBeginA(); line++) {
                out.append(' ').append(before.get(line)).append('\n');
            }
            for (int a = e.getBeginA(); a < e.getEndA(); a++) {
                out.append('-').append(before.get(a)).append('\n');
            }
            for (int b = e.getBeginB(); b < e.getEndB(); b++) {
                out.append('+').append(after.get(b)).append('\n');
            }
            line = e.getEndA();
        }
        for (; line < contextEnd; line++) {
            out.append(' ').append(before.get(line)).append('\n');
        }
    }

    private static final class Lines extends Sequence {
        final List<String> lines;

        Lines(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public int size() {
            return lines.size();
        }
    }

    private static final class LinesComparator extends SequenceComparator<Lines> {
        static final LinesComparator INSTANCE = new LinesComparator();

        @Override
        public boolean equals(Lines a, int ai, Lines b, int bi) {
            return a.lines.get(ai).equals(b.lines.get(bi));
        }

        @Override
        public int hash(Lines seq, int i) {
            return seq.lines.get(i).hashCode();
        }
    }
}
