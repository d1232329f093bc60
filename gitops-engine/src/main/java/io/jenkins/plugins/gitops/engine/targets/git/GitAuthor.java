package io.jenkins.plugins.gitops.engine.targets.git;

import io.jenkins.plugins.gitops.engine.GitopsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who an apply commit names as its author, when the front end was given one ({@code Deploy Bot <deploy@example.com>}):
 * without it the author is the user who ran the apply, with the committer's address, never an empty one.
 */
public record GitAuthor(String name, String email) {
    private static final Pattern FORM = Pattern.compile("([^<>\\n]*[^<>\\s])\\s*<([^<>\\s]+@[^<>\\s]+)>");

    /** {@code Name <email>}, as git shows an author. */
    public static GitAuthor parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new GitopsException("git author '" + text + "' is not of the form Name <name@example.com>");
        }
        return new GitAuthor(m.group(1).strip(), m.group(2));
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
