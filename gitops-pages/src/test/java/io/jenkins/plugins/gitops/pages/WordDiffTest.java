package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordDiffTest {
    @Test
    void marksOnlyTheChangedWordsAndEscapesTheRest() {
        WordDiff.Marked m = WordDiff.mark("  image: <nginx>:1.25.3", "  image: <nginx>:1.27.0");

        assertThat(m.left()).isEqualTo("  image: &lt;nginx&gt;:1.<mark class=\"gitops-word-del\">25</mark>."
                + "<mark class=\"gitops-word-del\">3</mark>");
        assertThat(m.right()).isEqualTo("  image: &lt;nginx&gt;:1.<mark class=\"gitops-word-add\">27</mark>."
                + "<mark class=\"gitops-word-add\">0</mark>");
    }

    @Test
    void adjacentChangedWordsShareOneMark() {
        WordDiff.Marked m = WordDiff.mark("a old words b", "a new text b");

        assertThat(m.right()).isEqualTo("a <mark class=\"gitops-word-add\">new text</mark> b");
    }

    @Test
    void veryLongLinesAreEscapedWithoutMarks() {
        String removed = "x".repeat(WordDiff.MAX_LINE + 1);

        WordDiff.Marked m = WordDiff.mark(removed, removed + "<y>");

        assertThat(m.left()).isEqualTo(removed);
        assertThat(m.right()).isEqualTo(removed + "&lt;y&gt;").doesNotContain("<mark");
    }
}
