package io.jenkins.plugins.gitops.engine.report;

/**
 * Text from a plan (resource names, paths, diffs) comes from a Git repository and a target, and the history's
 * user and build link from whoever applied, so any of it may be hostile. Every rendering writes it through one
 * of these: control characters (an ESC sequence can erase a terminal line and print a fake summary) and
 * invisible format characters (a right-to-left override makes {@code view-<RLO>nimda} read "admin-weiv") never
 * pass raw; a format character is shown by its code point, {@code (U+202E)}.
 */
public final class Escape {
    /** Characters that start Markdown inline syntax, a table cell or an HTML tag or entity. */
    private static final String MARKDOWN_PUNCTUATION = "\\`*_[]|~!@";

    private Escape() {
    }

    /** Text for HTML element content and quoted attribute values. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (isInvisible(c)) {
                        out.append(codePoint(c));
                    } else {
                        out.append(isControl(c) && c != '\n' && c != '\t' ? '\uFFFD' : c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** One line of Markdown text that renders as written: no emphasis, link, table break, tag or mention. */
    static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&') {
                out.append("&amp;");
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (isInvisible(c)) {
                out.append(codePoint(c));
            } else if (MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(isControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * Text with its control characters but line breaks and tabs replaced, for a terminal, a CI log or a
     * code block: no escape sequence can move the cursor or rewrite earlier lines.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = isControl(c) && c != '\n' && c != '\t';
            if (control || isInvisible(c)) {
                if (out == null) {
                    out = new StringBuilder(text).delete(i, text.length());
                }
                out.append(control ? "?" : codePoint(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * JSON text (Jackson's, whose control characters are already escaped) with every invisible character written as
     * its {@code \\u} escape: the same JSON to a parser, and nothing that reorders or hides text on a terminal. JSON
     * allows such characters only inside strings, where the escape stands for the same character.
     */
    public static String json(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isInvisible(c)) {
                if (out == null) {
                    out = new StringBuilder(text).delete(i, text.length());
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** A name on one line, cut to {@code max} characters so that no field can crowd out the rest. */
    static String oneLine(String text, int max) {
        String flat = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /**
     * Characters that change how text around them is shown while showing nothing themselves: bidirectional
     * marks, embeddings, overrides and isolates, zero-width characters, the byte-order mark, and the Unicode
     * line and paragraph separators (a line break a reader does not expect).
     */
    static boolean isInvisible(char c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF
                || c == 0x2028 || c == 0x2029;
    }

    private static String codePoint(char c) {
        return String.format("(U+%04X)", (int) c);
    }
}
