package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.model.SecretValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * stdout or stderr with the values of secret variables masked, line by line, whatever wrote them: the engine
 * already masks what it makes, this also catches what a target or a tool quoted in an error. A line is held
 * until its end (or a flush), so a value is never split between two writes.
 */
final class MaskingWriter extends Writer {
    private final Writer out;
    private final SecretValues secrets;
    private final StringBuilder line = new StringBuilder();

    private MaskingWriter(Writer out, SecretValues secrets) {
        this.out = out;
        this.secrets = secrets;
    }

    static PrintWriter over(PrintWriter out, SecretValues secrets) {
        return secrets.isEmpty() ? out : new PrintWriter(new MaskingWriter(out, secrets), true);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.append(chars[i]);
            if (chars[i] == '\n') {
                emit();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        emit();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            out.write(secrets.mask(line.toString()));
            line.setLength(0);
        }
    }
}
