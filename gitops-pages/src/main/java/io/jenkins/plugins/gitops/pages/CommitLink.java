package io.jenkins.plugins.gitops.pages;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web page of a commit, where the repository's host is one whose commit URLs are known (GitHub,
 * GitLab, Bitbucket, Gitea/Forgejo-style hosts). User info in the repository URL never reaches the link.
 */
public final class CommitLink {
    private static final Pattern SCP = Pattern.compile("^[\\w.-]+@([\\w.-]+):(.+)$");
    private static final Pattern SHA = Pattern.compile("^[0-9a-f]{7,64}$");

    private CommitLink() {
    }

    /** The https address of {@code commit} in {@code repository}, or empty when it cannot be known. */
    public static Optional<String> of(String repository, String commit) {
        if (repository == null || commit == null || !SHA.matcher(commit).matches()) {
            return Optional.empty();
        }
        Optional<String[]> hostAndPath = hostAndPath(repository.trim());
        if (hostAndPath.isEmpty()) {
            return Optional.empty();
        }
        String host = hostAndPath.get()[0].toLowerCase(Locale.ROOT);
        String path = hostAndPath.get()[1].replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
        if (path.isEmpty() || !path.matches("[\\w.~/-]+")) {
            return Optional.empty();
        }
        String base = "https://" + host + "/" + path;
        if (host.equals("github.com") || host.startsWith("github.")) {
            return Optional.of(base + "/commit/" + commit);
        }
        if (host.equals("gitlab.com") || host.startsWith("gitlab.")) {
            return Optional.of(base + "/-/commit/" + commit);
        }
        if (host.equals("bitbucket.org")) {
            return Optional.of(base + "/commits/" + commit);
        }
        if (host.equals("codeberg.org") || host.startsWith("gitea.") || host.startsWith("forgejo.")) {
            return Optional.of(base + "/commit/" + commit);
        }
        return Optional.empty();
    }

    private static Optional<String[]> hostAndPath(String repository) {
        Matcher scp = SCP.matcher(repository);
        if (scp.matches() && !repository.contains("://")) {
            return Optional.of(new String[] {scp.group(1), scp.group(2)});
        }
        try {
            URI uri = new URI(repository);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http") || scheme.equals("ssh")) || uri.getHost() == null
                    || uri.getPath() == null) {
                return Optional.empty();
            }
            return Optional.of(new String[] {uri.getHost(), uri.getPath()});
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
