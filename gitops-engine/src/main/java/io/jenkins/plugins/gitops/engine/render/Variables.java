package io.jenkins.plugins.gitops.engine.render;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:=default}} substitution in scalar values, applied after parsing so a value
 * can never add YAML structure. {@code $${VAR}} is the escape for a literal {@code ${VAR}}.
 */
public final class Variables {
    /** No substitution at all: {@code ${...}} stays as written (for files that are not manifests). */
    public static final Variables OFF = new Variables(null);

    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("(\\$?)\\$\\{(" + NAME.pattern() + ")(?::=([^}]*))?}");

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

    /**
     * The text with every reference replaced. {@code changed} is true when the text held a reference or an
     * escape, so a plain scalar must be typed again; {@code unknown} names variables that have no value, once each.
     */
    public Result substitute(String text) {
        if (values == null || text.indexOf("${") < 0) {
            return new Result(text, false, List.of());
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        Set<String> unknown = new LinkedHashSet<>();
        boolean changed = false;
        while (m.find()) {
            changed = true;
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else if (values.containsKey(m.group(2))) {
                replacement = values.get(m.group(2));
            } else if (m.group(3) != null) {
                replacement = m.group(3);
            } else {
                unknown.add(m.group(2));
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Result(out.toString(), changed, List.copyOf(unknown));
    }

    public record Result(String text, boolean changed, List<String> unknown) {
    }
}
