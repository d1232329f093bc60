package io.jenkins.plugins.gitops.engine.report;

/**
 * Text from a plan (resource names, paths, diffs) comes from a Git repository and a target, so any of it
 * may be hostile. Every rendering writes it through one of these.
 */
final class Escape {
    /** Characters that start Markdown inline syntax, a table cell or an HTML tag or entity. */
    private static final String MARKDOWN_PUNCTUATION = "\\`*_[]|~!@";

    private Escape() {
    }

    /** Text for HTML element content and quoted attribute values. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(isControl(c) && c != '\n' && c != '\t' ? '\uFFFD' : c);
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
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && c != '\n' && c != '\t') {
                if (out == null) {
                    out = new StringBuilder(text).delete(i, text.length());
                }
                out.append('?');
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
}
