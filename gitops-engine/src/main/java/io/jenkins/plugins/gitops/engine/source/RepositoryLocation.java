package io.jenkins.plugins.gitops.engine.source;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A repository as the user named it, split into what may be shown (and handed to JGit as the URL) and
 * the credentials written into it, which are kept out of every message.
 *
 * @param shown the repository as given, without a password; for http(s) without any user name either,
 *     because a lone user name there is often an access token
 * @param remote whether it is a URL to clone rather than a local path to open in place
 * @param credentials the user and password taken out of the URL, or null
 */
public record RepositoryLocation(String shown, boolean remote, @Nullable CredentialsProvider credentials) {
    private static final Pattern URL_WITH_USER = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@(.*)$");
    /** scp-like syntax, git@host:owner/repo.git. */
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/\\s:@]+@[^/\\s:]+:.*$");

    public static RepositoryLocation parse(String given) {
        boolean remote = given.contains("://") || SCP_LIKE.matcher(given).matches();
        Matcher url = URL_WITH_USER.matcher(given);
        if (!url.matches()) {
            return new RepositoryLocation(given, remote, null);
        }
        String scheme = url.group(1);
        String userInfo = url.group(2);
        int colon = userInfo.indexOf(':');
        boolean http = scheme.toLowerCase(Locale.ROOT).startsWith("http");
        if (colon < 0 && !http) {
            return new RepositoryLocation(given, true, null); // ssh://git@host: a user name, nothing secret
        }
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        String shown = scheme + (http ? "" : user + "@") + url.group(3);
        CredentialsProvider credentials = new UsernamePasswordCredentialsProvider(decode(user), decode(password));
        return new RepositoryLocation(shown, true, credentials);
    }

    private static String decode(String urlPart) {
        return URLDecoder.decode(urlPart.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return shown;
    }
}
