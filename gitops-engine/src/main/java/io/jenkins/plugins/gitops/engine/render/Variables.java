package io.jenkins.plugins.gitops.engine.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:=default}} substitution in scalar values, applied after parsing so a value
 * can never add YAML structure. {@code $${} is the escape for a literal {@code ${}. Where substitution is on,
 * anything else that opens with {@code ${} (shell forms such as {@code ${A:-x}}, a nested reference, spaces,
 * a name starting with a digit, a missing '}') is an error: written by mistake, it would otherwise be applied
 * literally without a word.
 */
public final class Variables {
    /** No substitution at all: {@code ${...}} stays as written. */
    public static final Variables OFF = new Variables(null);

    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> values;

    private Variables(Map<String, String> values) {
        this.values = values;
    }

    /** Substitution with these values; a reference to any other variable without a default is a problem. */
    public static Variables of(Map<String, String> values) {
        values.keySet().forEach(name -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid variable name " + name);
            }
        });
        return new Variables(Map.copyOf(values));
    }

    public boolean on() {
        return values != null;
    }

    /**
     * The text with every reference replaced. {@code changed} is true when the text held a reference or an
     * escape, so a plain scalar must be typed again; {@code unknown} names variables that have no value, once each;
     * {@code invalid} says, without quoting the text (it may be a secret), what is wrong with each malformed one.
     */
    public Result substitute(String text) {
        if (values == null || text.indexOf("${") < 0) {
            return new Result(text, false, List.of(), List.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        Set<String> unknown = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        Matcher name = NAME.matcher(text);
        int i = 0;
        while (true) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                break;
            }
            if (open > 0 && text.charAt(open - 1) == '$') {
                out.append(text, i, open - 1).append("${");
                i = open + 2;
                continue;
            }
            out.append(text, i, open);
            int start = open + 2;
            int close = text.indexOf('}', start);
            if (!name.region(start, text.length()).lookingAt()) {
                invalid.add(close < 0 ? UNCLOSED : nameProblem(text, start));
                out.append(text, open, close < 0 ? text.length() : close + 1);
                i = close < 0 ? text.length() : close + 1;
                continue;
            }
            String variable = name.group();
            int after = name.end();
            if (after < text.length() && text.charAt(after) == '}') {
                out.append(values.containsKey(variable) ? values.get(variable) : text.substring(open, after + 1));
                if (!values.containsKey(variable)) {
                    unknown.add(variable);
                }
                i = after + 1;
            } else if (text.startsWith(":=", after) && close >= 0 && text.substring(after, close).indexOf("${") < 0) {
                out.append(values.containsKey(variable) ? values.get(variable) : text.substring(after + 2, close));
                i = close + 1;
            } else {
                invalid.add(close < 0 ? UNCLOSED : operatorProblem(text, after, close));
                out.append(text, open, close < 0 ? text.length() : close + 1);
                i = close < 0 ? text.length() : close + 1;
            }
        }
        out.append(text, i, text.length());
        return new Result(out.toString(), true, List.copyOf(unknown), List.copyOf(invalid));
    }

    private static final String FORMS = "; write ${NAME} or ${NAME:=default}, or $${ for a literal ${";
    private static final String UNCLOSED = "a variable reference ${ is not closed with }" + FORMS;

    private static String nameProblem(String text, int start) {
        char first = text.charAt(start);
        if (Character.isWhitespace(first)) {
            return "a variable reference holds spaces" + FORMS;
        }
        if (Character.isDigit(first)) {
            return "a variable name starts with a digit" + FORMS;
        }
        return "a variable reference has no valid name (letters, digits and '_', not starting with a digit)" + FORMS;
    }

    private static String operatorProblem(String text, int after, int close) {
        String rest = text.substring(after, close);
        if (rest.startsWith(":=")) {
            return "a variable default holds another reference; defaults are literal text" + FORMS;
        }
        if (rest.startsWith(":-") || rest.startsWith("-") || rest.startsWith(":+") || rest.startsWith("+")
                || rest.startsWith(":?") || rest.startsWith("?") || rest.startsWith("=")) {
            return "shell-style ${NAME" + rest.charAt(0) + (rest.length() > 1 && rest.charAt(0) == ':'
                    ? String.valueOf(rest.charAt(1)) : "") + "...} is not supported" + FORMS;
        }
        if (!rest.isEmpty() && Character.isWhitespace(rest.charAt(0))) {
            return "a variable reference holds spaces" + FORMS;
        }
        return "a variable name holds a character other than letters, digits and '_'" + FORMS;
    }

    public record Result(String text, boolean changed, List<String> unknown, List<String> invalid) {
    }
}
