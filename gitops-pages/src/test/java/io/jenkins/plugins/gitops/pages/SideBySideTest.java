package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.pages.SideBySide.Kind;
import io.jenkins.plugins.gitops.pages.SideBySide.Row;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    @Test
    void pairsRemovedAndAddedLinesAndNumbersBothSides() {
        String diff = """
                --- live/x
                +++ desired/x
                @@ -3,5 +3,5 @@
                 a
                --- looks like a header
                -b
                +B
                 c
                +d
                 e
                @@ -20,2 +20 @@
                 y
                -z
                \\ No newline at end of file
                """;

        assertThat(SideBySide.rows(diff)).containsExactly(
                new Row(Kind.HUNK, 0, "@@ -3,5 +3,5 @@", 0, "@@ -3,5 +3,5 @@"),
                new Row(Kind.CONTEXT, 3, "a", 3, "a"),
                new Row(Kind.CHANGE, 4, "-- looks like a header", 4, "B"),
                new Row(Kind.DELETE, 5, "b", 0, ""),
                new Row(Kind.CONTEXT, 6, "c", 5, "c"),
                new Row(Kind.INSERT, 0, "", 6, "d"),
                new Row(Kind.CONTEXT, 7, "e", 7, "e"),
                new Row(Kind.HUNK, 0, "@@ -20,2 +20 @@", 0, "@@ -20,2 +20 @@"),
                new Row(Kind.CONTEXT, 20, "y", 20, "y"),
                new Row(Kind.DELETE, 21, "z", 0, ""));
    }

    @Test
    void aDiffCutShortStillGivesTheRowsItHas() {
        assertThat(SideBySide.rows("@@ -1,4 +1,4 @@\n a\n-b\n")).extracting(Row::kind)
                .containsExactly(Kind.HUNK, Kind.CONTEXT, Kind.DELETE);
    }
}
