package io.jenkins.plugins.gitops.engine.model;

/**
 * Which styles can hold a text in block context, by SnakeYAML 2.5's rules ({@code Emitter.analyzeScalar}, with
 * unicode allowed), and whether its representer would write the text as {@code !!binary} (it holds a character YAML
 * cannot print). {@link CanonicalYaml} writes with it what SnakeYAML's dumper writes.
 */
record ScalarAnalysis(boolean empty, boolean lineBreaks, boolean blockPlain, boolean singleQuoted, boolean block,
        boolean binary) {
    private static final ScalarAnalysis EMPTY = new ScalarAnalysis(true, false, true, true, false, false);
    /** Indicators that may not start a plain scalar. */
    private static final String LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`";

    static ScalarAnalysis of(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        boolean indicators = text.startsWith("---") || text.startsWith("...");
        boolean lineBreaks = false;
        boolean special = false;
        boolean binary = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean precededByWhitespace = true;
        boolean previousSpace = false;
        boolean previousBreak = false;
        int length = text.length();
        int index = 0;
        while (index < length) {
            char ch = text.charAt(index);
            int c = Character.isHighSurrogate(ch) ? text.codePointAt(index) : ch;
            int next = index + Character.charCount(c);
            if (index == 0) {
                if (LEADING_INDICATORS.indexOf(c) >= 0 || ((c == '?' || c == ':' || c == '-')
                        && (length == 1 || isBlank(text.codePointAt(1)) || text.charAt(1) == '\r'
                        || CanonicalYaml.isBreak(text.charAt(1))))) {
                    indicators = true;
                }
            } else if ((c == ':' && followedByWhitespace(text, next, previousBreak))
                    || (c == '#' && precededByWhitespace)) {
                indicators = true;
            }
            boolean isBreak = CanonicalYaml.isBreak(c);
            lineBreaks |= isBreak;
            if (!(c == '\n' || (0x20 <= c && c <= 0x7E)) && !isUnicode(c)) {
                special = true;
                binary |= !(c == '\t' || c == '\r');
            }
            if (c == ' ') {
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak) {
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlank(c) || isBreak;
            index = next;
        }
        char first = text.charAt(0);
        char last = text.charAt(length - 1);
        boolean leadingSpace = first == ' ';
        boolean leadingBreak = CanonicalYaml.isBreak(first);
        boolean trailingSpace = last == ' ';
        boolean trailingBreak = CanonicalYaml.isBreak(last);
        boolean blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || leadingZero(text)
                || breakSpace || spaceBreak || special || indicators);
        boolean singleQuoted = !(breakSpace || spaceBreak || special);
        boolean block = !(trailingSpace || spaceBreak || special);
        return new ScalarAnalysis(false, lineBreaks, blockPlain, singleQuoted, block, binary);
    }

    /**
     * SnakeYAML's look-ahead, as it computes it: the code point after this one is blank, or this is the last one,
     * or the one before this was a line break.
     */
    private static boolean followedByWhitespace(String text, int next, boolean afterBreak) {
        return next >= text.length() || isBlank(text.codePointAt(next)) || afterBreak;
    }

    /** What SnakeYAML's reader refuses to print (its {@code StreamReader.isPrintable}), beyond tab, CR and LF. */
    static boolean isUnicode(int c) {
        return c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** NUL, space or tab (SnakeYAML's {@code Constant.NULL_BL_T}). */
    private static boolean isBlank(int c) {
        return c == 0 || c == ' ' || c == '\t';
    }

    /** A leading zero and then only digits and underscores: plain, "0644" would read as an octal number elsewhere. */
    private static boolean leadingZero(String text) {
        if (text.length() < 2 || text.charAt(0) != '0') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
