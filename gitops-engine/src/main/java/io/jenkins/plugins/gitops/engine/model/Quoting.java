package io.jenkins.plugins.gitops.engine.model;

/**
 * SnakeYAML 2.5's quoted styles for text on one line (no line splitting, unicode allowed): single quotes double a
 * quote; double quotes escape what YAML cannot hold literally, in SnakeYAML's escapes.
 */
final class Quoting {
    private Quoting() {
    }

    static void singleQuoted(String text, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '\'') {
                out.append('\'');
            }
        }
        out.append('\'');
    }

    static void doubleQuoted(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            String escape = escape(c);
            if (escape != null) {
                out.append('\\').append(escape);
                continue;
            }
            int codePoint = Character.isHighSurrogate(c) && i + 1 < text.length()
                    ? Character.toCodePoint(c, text.charAt(i + 1)) : c;
            if (printable(codePoint)) {
                out.appendCodePoint(codePoint);
            } else if (c <= 0xFF) {
                out.append("\\x").append(hex(c, 2));
            } else if (Character.charCount(codePoint) == 2) {
                out.append("\\U").append(hex(codePoint, 8));
            } else {
                out.append("\\u").append(hex(c, 4));
            }
            i += Character.charCount(codePoint) - 1;
        }
        out.append('"');
    }

    private static String escape(char c) {
        return switch (c) {
            case '\0' -> "0";
            case '\u0007' -> "a";
            case '\b' -> "b";
            case '\t' -> "t";
            case '\n' -> "n";
            case '\u000B' -> "v";
            case '\f' -> "f";
            case '\r' -> "r";
            case '\u001B' -> "e";
            case '"' -> "\"";
            case '\\' -> "\\";
            case '\u0085' -> "N";
            case '\u00A0' -> "_";
            case '\u2028' -> "L";
            case '\u2029' -> "P";
            default -> null;
        };
    }

    /** SnakeYAML's {@code StreamReader.isPrintable}. */
    private static boolean printable(int c) {
        return (c >= 0x20 && c <= 0x7E) || c == '\t' || c == '\n' || c == '\r' || ScalarAnalysis.isUnicode(c);
    }

    private static String hex(int value, int digits) {
        String text = Integer.toHexString(value);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }
}
