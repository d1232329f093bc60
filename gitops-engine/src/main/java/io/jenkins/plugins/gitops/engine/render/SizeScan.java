package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a file's bytes, before any parsing: the size of each YAML document (split at {@code ---} and
 * {@code ...} lines) and the longest run of bytes without whitespace, which is how long SnakeYAML's longest
 * token can be. Its reader copies its buffer for every long token, so parsing time grows with the square of a
 * token's length: a 3 MB value took 13 s and 50 MB did not finish. Refusing both by size keeps every file
 * linear to read.
 */
record SizeScan(List<Document> documents, long longestRun, int longestRunLine) {
    /**
     * A value longer than this cannot be applied anyway: a ConfigMap or Secret holds at most 1 MiB in all, and
     * a certificate bundle or base64 blob stays well under it.
     */
    static final int MAX_RUN_BYTES = 1024 * 1024;

    /** A document's first content line (1-based) and its size in bytes. */
    record Document(int line, long bytes) {
    }

    static SizeScan of(byte[] content) {
        List<Document> documents = new ArrayList<>();
        int line = 1;
        int documentLine = 0;
        long documentBytes = 0;
        long run = 0;
        long longestRun = 0;
        int longestRunLine = 0;
        int lineStart = 0;
        for (int i = 0; i <= content.length; i++) {
            byte b = i < content.length ? content[i] : (byte) '\n';
            if (b == '\n') {
                int length = i - lineStart;
                if (isMarker(content, lineStart, length)) {
                    if (documentLine > 0) {
                        documents.add(new Document(documentLine, documentBytes));
                    }
                    documentLine = 0;
                    documentBytes = 0;
                } else {
                    if (documentLine == 0 && hasContent(content, lineStart, length)) {
                        documentLine = line;
                    }
                    documentBytes += length + 1L;
                }
                line++;
                lineStart = i + 1;
            }
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                run = 0;
            } else if (++run > longestRun) {
                longestRun = run;
                longestRunLine = line;
            }
        }
        if (documentLine > 0) {
            documents.add(new Document(documentLine, documentBytes));
        }
        return new SizeScan(List.copyOf(documents), longestRun, longestRunLine);
    }

    /** What is too large to parse, each located; empty when the file may be parsed. */
    List<Problem> problems(String file, RenderOptions options) {
        List<Problem> problems = new ArrayList<>();
        for (Document document : documents) {
            if (document.bytes() > options.maxDocumentBytes()) {
                problems.add(YamlDocuments.oversized(file, document.line(), options));
            }
        }
        if (problems.isEmpty() && longestRun > MAX_RUN_BYTES) {
            problems.add(new Problem(new Origin(file, longestRunLine), "this line holds a value of more than "
                    + MAX_RUN_BYTES + " bytes without a space, more than a Kubernetes object can hold; keep large"
                    + " data out of manifests"));
        }
        return problems;
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
