package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * The build log on the agent, with the values of {@code credentialVars} masked as {@code withCredentials} masks
 * them (credentials-binding's masking stream, line by line).
 */
record MaskedLog(PrintStream out, SecretPatterns.MaskingOutputStream masking) {

    static MaskedLog of(PrintStream log, SecretMask mask) {
        if (mask.isEmpty()) {
            return new MaskedLog(log, null);
        }
        SecretPatterns.MaskingOutputStream masking = new SecretPatterns.MaskingOutputStream(log, mask::pattern,
                StandardCharsets.UTF_8.name());
        try {
            return new MaskedLog(new PrintStream(masking, false, StandardCharsets.UTF_8.name()), masking);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** Writes out a last unterminated line and flushes down to the listener's stream. */
    void finish() throws IOException {
        out.flush();
        if (masking != null) {
            masking.forceEol();
            masking.flush();
        }
    }
}
