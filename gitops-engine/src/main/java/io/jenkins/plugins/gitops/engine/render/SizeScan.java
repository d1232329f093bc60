package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.util.Optional;

/**
 * One pass over a file's bytes, before any parsing: the size of each YAML document (split at {@code ---} and
 * {@code ...} lines) and the length of each run of bytes without whitespace, which bounds SnakeYAML's longest
 * token. Its reader copies its buffer for every long token, so parsing time grows with the square of a token's
 * length: a 3 MB value took 13 s and 50 MB did not finish. The scan stops at the first excess, so refusing a
 * huge file costs no more than reading its first few megabytes.
 */
final class SizeScan {
    /**
     * A value longer than this cannot be applied anyway: a ConfigMap or Secret holds at most 1 MiB in all, and
     * a certificate bundle or base64 blob stays well under it.
     */
    static final int MAX_RUN_BYTES = 1024 * 1024;

    private SizeScan() {
    }

    /** The first part of the file too large to parse, located; empty when the file may be parsed. */
    static Optional<Problem> check(String file, byte[] content, RenderOptions options) {
        int line = 1;
        int documentLine = 0;
        long documentBytes = 0;
        int run = 0;
        int lineStart = 0;
        for (int i = 0; i <= content.length; i++) {
            byte b = i < content.length ? content[i] : (byte) '\n';
            if (b == '\n') {
                int length = i - lineStart;
                if (isMarker(content, lineStart, length)) {
                    documentLine = 0;
                    documentBytes = 0;
                } else {
                    if (documentLine == 0 && hasContent(content, lineStart, length)) {
                        documentLine = line;
                    }
                    documentBytes += length + 1L;
                    if (documentBytes > options.maxDocumentBytes()) {
                        return Optional.of(YamlDocuments.oversized(file, Math.max(documentLine, 1), options));
                    }
                }
                line++;
                lineStart = i + 1;
                run = 0;
            } else if (b == ' ' || b == '\t' || b == '\r') {
                run = 0;
            } else if (++run > MAX_RUN_BYTES) {
                return Optional.of(new Problem(new Origin(file, line), "this line holds a value of more than "
                        + MAX_RUN_BYTES + " bytes without a space, more than a Kubernetes object can hold; keep"
                        + " large data out of manifests"));
            }
        }
        return Optional.empty();
    }

    private static boolean isMarker(byte[] content, int start, int length) {
        if (length < 3) {
            return false;
        }
        byte c = content[start];
        if ((c != '-' && c != '.') || content[start + 1] != c || content[start + 2] != c) {
            return false;
        }
        if (length == 3) {
            return true;
        }
        byte next = content[start + 3];
        return next == ' ' || next == '\t' || next == '\r';
    }

    private static boolean hasContent(byte[] content, int start, int length) {
        for (int i = start; i < start + length; i++) {
            byte b = content[i];
            if (b == '#') {
                return false;
            }
            if (b != ' ' && b != '\t' && b != '\r') {
                return true;
            }
        }
        return false;
    }
}
