package io.jenkins.plugins.gitops.engine.targets.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jspecify.annotations.Nullable;

/**
 * What an apply commit says about where its content came from, as Git trailers that history and metrics read
 * back ({@code git log --format=%(trailers)} shows them too). It holds names, ids and digests only: never a
 * resource body, so never a secret value. A commit without the {@value #ENVIRONMENT} trailer was not written
 * by gitops: on the environment branch that is a hand edit.
 *
 * @param environment the target written, {@code git:<repository>#<branch>[:<folder>]}
 * @param sourceRepository the source repository as shown (no password), or null; {@code commit}, {@code path} and
 *     {@code desiredDigest} are null for an apply that failed part way and recorded no new revision
 * @param planDigest the reviewed plan file's digest, null when planned and applied at once
 */
public record ApplyCommitMessage(String environment, @Nullable String sourceRepository, @Nullable String commit,
        @Nullable String path, @Nullable String desiredDigest, @Nullable String planDigest, String buildUrl,
        String user) {
    static final String ENVIRONMENT = "Gitops-Environment";
    static final String SOURCE = "Gitops-Source";
    static final String COMMIT = "Gitops-Commit";
    static final String PATH = "Gitops-Path";
    static final String DESIRED = "Gitops-Desired-Digest";
    static final String PLAN = "Gitops-Plan-Digest";
    static final String BUILD = "Gitops-Build";
    static final String USER = "Gitops-User";

    String format() {
        String subject = commit == null
                ? "gitops: partial apply to " + environment + " (some resources failed; re-run the apply)"
                : "gitops: apply " + (path.isEmpty() ? "the repository root" : path) + " at " + shortId(commit);
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put(ENVIRONMENT, environment);
        trailers.put(SOURCE, sourceRepository);
        trailers.put(COMMIT, commit);
        trailers.put(PATH, path);
        trailers.put(DESIRED, desiredDigest);
        trailers.put(PLAN, planDigest);
        trailers.put(BUILD, buildUrl);
        trailers.put(USER, user);
        StringBuilder text = new StringBuilder(subject).append("\n\n");
        trailers.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                text.append(key).append(": ").append(plain(value)).append('\n');
            }
        });
        return text.toString();
    }

    /** The trailers of a commit gitops wrote; empty for any other commit. */
    public static Optional<ApplyCommitMessage> of(RevCommit commit) {
        Map<String, String> trailers = new LinkedHashMap<>();
        for (FooterLine line : commit.getFooterLines()) {
            trailers.putIfAbsent(line.getKey(), line.getValue());
        }
        if (!trailers.containsKey(ENVIRONMENT)) {
            return Optional.empty();
        }
        return Optional.of(new ApplyCommitMessage(trailers.get(ENVIRONMENT), trailers.get(SOURCE), trailers.get(COMMIT),
                trailers.getOrDefault(PATH, trailers.containsKey(COMMIT) ? "" : null), trailers.get(DESIRED),
                trailers.get(PLAN), trailers.get(BUILD), trailers.get(USER)));
    }

    /**
     * A value as it may stand in a commit: on one line, since a line break would end the trailer block and forge the
     * next one, and with every other control or invisible formatting character (ESC, a right-to-left override, a
     * zero-width space) shown as {@code ?}, since {@code git log} prints a commit as it is: a user name holding an
     * escape sequence could rewrite the terminal of whoever reads the deploy repository's history.
     */
    static String plain(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.replaceAll("[\\r\\n]+", " ").codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            out.appendCodePoint(hidden ? '?' : c);
        });
        return out.toString().strip();
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
