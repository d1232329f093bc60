package io.jenkins.plugins.gitops.engine.targets.git;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * How to open an environment branch and what its apply commits say.
 *
 * @param credentials for the transport, or null (a local path, or a user and token written into the URL)
 * @param pin the head a saved plan read, which apply must find; null to read the branch as it is now
 * @param sourceRepository the source repository as shown (no password), for the commit message; null when nothing
 *     is committed, or the source is a local repository without a remote
 * @param planDigest the reviewed plan file's digest, null when planning and applying at once
 * @param user and {@code buildUrl}: for a commit that records no revision (an apply that failed part way); null
 *     when nothing is committed, and {@code buildUrl} when no build runs the apply
 * @param sign sign the commit with the key git config names
 * @param author the apply commit's author, or null: the user, with the committer's address
 */
public record GitBranchOptions(@Nullable CredentialsProvider credentials, GitBranchSpec.@Nullable Pin pin,
        @Nullable String sourceRepository, @Nullable String planDigest, @Nullable String user,
        @Nullable String buildUrl, boolean sign, @Nullable GitAuthor author) {

    /** For planning and verifying: nothing is committed. */
    public static GitBranchOptions reading(@Nullable CredentialsProvider credentials) {
        return new GitBranchOptions(credentials, null, null, null, null, null, false, null);
    }
}
