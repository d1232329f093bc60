package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One place escapes for every output: controls and invisible format characters never pass raw. */
class EscapeTest {
    static final String NAME = "view-\u202Enimda\u200B\u001b[2K";

    @Test
    void terminalTextShowsFormatCharactersByCodePointAndControlsAsQuestionMarks() {
        assertThat(Escape.printable(NAME)).isEqualTo("view-(U+202E)nimda(U+200B)?[2K");
        assertThat(Escape.printable("a\tb\nc")).isEqualTo("a\tb\nc");
    }

    @Test
    void markdownAndHtmlShowFormatCharactersByCodePoint() {
        assertThat(Escape.markdown(NAME)).isEqualTo("view-(U+202E)nimda(U+200B) \\[2K");
        assertThat(Escape.html(NAME)).isEqualTo("view-(U+202E)nimda(U+200B)\uFFFD[2K");
    }

    @Test
    void everyBidirectionalAndZeroWidthCharacterIsCaught() {
        for (char c : "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\u200C\u200D\u2060\uFEFF\u2028\u2029"
                .toCharArray()) {
            assertThat(Escape.printable("x" + c)).as("U+%04X", (int) c).isEqualTo(String.format("x(U+%04X)", (int) c));
        }
    }
}
