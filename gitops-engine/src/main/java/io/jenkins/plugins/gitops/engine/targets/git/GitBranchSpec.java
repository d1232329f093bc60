package io.jenkins.plugins.gitops.engine.targets.git;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.source.RepoPaths;
import io.jenkins.plugins.gitops.engine.source.RepositoryLocation;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/**
 * An environment branch: a repository (local path or URL), a branch and a folder on it that holds the
 * rendered manifests. Written {@code git:<repository>#<branch>[:<folder>]}; a branch name cannot hold a
 * {@code :}, so the first one after the last {@code #} starts the folder.
 *
 * <p>A plan against the branch names the head commit it read after an {@code @}: {@link #identityAt}.
 */
public record GitBranchSpec(String repository, String branch, String folder) {
    public static final String PREFIX = "git:";
    /** The head a plan read: a commit id, or this word for a branch that did not exist yet. */
    static final String NO_BRANCH = "new";
    private static final Pattern PINNED = Pattern.compile("^(.*)@([0-9a-f]{40}|" + NO_BRANCH + ")$");

    public GitBranchSpec {
        if (repository == null || repository.isBlank()) {
            throw new GitopsException("no repository given for the git target; write git:<repository URL or path>#<branch>");
        }
        if (!isValidBranch(branch)) {
            throw new GitopsException("'" + branch + "' is not a valid branch name for the git target; write"
                    + " git:<repository>#<branch>, e.g. git:https://git.example.com/deploy.git#env/staging");
        }
        folder = RepoPaths.normalize(folder);
    }

    /** Whether Git accepts {@code branch} as a branch name (no spaces, {@code ..}, {@code ~}, {@code ^}, {@code :}, ...). */
    public static boolean isValidBranch(@Nullable String branch) {
        return branch != null && !branch.isBlank() && Repository.isValidRefName("refs/heads/" + branch);
    }

    /** Parses {@code git:<repository>#<branch>[:<folder>]}. */
    public static GitBranchSpec parse(String target) {
        if (!target.startsWith(PREFIX)) {
            throw new GitopsException("'" + target + "' is not a git target; write git:<repository>#<branch>[:<folder>]");
        }
        String rest = target.substring(PREFIX.length());
        int hash = rest.lastIndexOf('#');
        if (hash < 0) {
            throw new GitopsException("the git target '" + shown(target) + "' names no branch; write"
                    + " git:<repository>#<branch>[:<folder>], e.g. git:../deploy#env/staging:manifests");
        }
        String branchAndFolder = rest.substring(hash + 1);
        int colon = branchAndFolder.indexOf(':');
        return new GitBranchSpec(rest.substring(0, hash), colon < 0 ? branchAndFolder : branchAndFolder.substring(0, colon),
                colon < 0 ? "" : branchAndFolder.substring(colon + 1));
    }

    /** The ref on the remote. */
    String ref() {
        return "refs/heads/" + branch;
    }

    /** The repository as it may be shown: any password written into the URL is left out. */
    public String shownRepository() {
        return RepositoryLocation.parse(repository).shown();
    }

    /** Stable across heads: what history and messages name. */
    public String identity() {
        return PREFIX + shownRepository() + "#" + branch + (folder.isEmpty() ? "" : ":" + folder);
    }

    /** The identity with the head commit read ({@code null}: the branch does not exist yet). */
    String identityAt(String head) {
        return identity() + "@" + (head == null ? NO_BRANCH : head);
    }

    /**
     * The head a plan made against this branch pinned, taken from the plan's target: apply writes on top of
     * exactly that commit or not at all. Empty when the plan was made for another target.
     */
    public Optional<Pin> pinnedIn(String planTarget) {
        Matcher m = PINNED.matcher(planTarget);
        if (!m.matches() || !m.group(1).equals(identity())) {
            return Optional.empty();
        }
        return Optional.of(new Pin(m.group(2).equals(NO_BRANCH) ? null : m.group(2)));
    }

    /** A head commit a plan read; {@code commit} is null when the branch did not exist yet. */
    public record Pin(@Nullable String commit) {
    }

    private static String shown(String target) {
        return PREFIX + RepositoryLocation.parse(target.substring(PREFIX.length())).shown();
    }
}
