package io.jenkins.plugins.gitops;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * Masks the values of {@code credentialVars} as {@code ****} in everything a step call writes: the build log
 * (with credentials-binding's masking stream, as {@code withCredentials} does), the error message, the check and
 * the copy of the plan kept for the build page. The pattern is built on the controller (it asks every
 * credentials-binding pattern factory for the encoded forms) and crosses to the agent with the request; like the
 * request it lives only as long as the call and is never saved.
 */
final class Masker implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Masker NONE = new Masker("");
    private static final String MASK = "****";

    private final String pattern;
    private transient Pattern compiled;

    private Masker(String pattern) {
        this.pattern = pattern;
    }

    static Masker of(Collection<String> secrets) {
        return secrets.stream().allMatch(String::isEmpty) ? NONE
                : new Masker(SecretPatterns.getAggregateSecretPattern(secrets).pattern());
    }

    boolean isEmpty() {
        return pattern.isEmpty();
    }

    String mask(String text) {
        return text == null || isEmpty() ? text : compiled().matcher(text).replaceAll(MASK);
    }

    /** The log to write to; {@link Log#finish()} writes out a last unterminated line and flushes. */
    Log wrap(PrintStream log) {
        if (isEmpty()) {
            return new Log(log, null);
        }
        SecretPatterns.MaskingOutputStream masking = new SecretPatterns.MaskingOutputStream(log, this::compiled,
                StandardCharsets.UTF_8.name());
        try {
            return new Log(new PrintStream(masking, false, StandardCharsets.UTF_8.name()), masking);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private Pattern compiled() {
        if (compiled == null) {
            compiled = Pattern.compile(pattern);
        }
        return compiled;
    }

    /** A log stream, masked or not. */
    record Log(PrintStream out, SecretPatterns.MaskingOutputStream masking) {
        void finish() throws IOException {
            out.flush();
            if (masking != null) {
                masking.forceEol();
                masking.flush();
            }
        }
    }
}
