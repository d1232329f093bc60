package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a {@link SourceSnapshot} of a Git repository at one commit. */
public final class GitSource {
    private static final String REMOTE = "origin";

    private GitSource() {
    }

    /**
     * Opens the repository (a local path in place, a URL as a bare clone in a private temporary directory),
     * resolves the ref to one commit and checks that the path is a directory of it. The caller closes the
     * snapshot.
     *
     * @throws GitopsException when the repository cannot be read, the ref is unknown or the path is not a
     *     directory of the commit
     */
    public static SourceSnapshot open(SourceSpec spec) {
        RepositoryLocation location = RepositoryLocation.parse(spec.repository());
        Path cloneDir = null;
        Repository repository = null;
        try {
            if (location.remote()) {
                cloneDir = PrivateTempDirs.create("clone");
                repository = cloneBare(location, cloneDir);
            } else {
                repository = openLocal(location);
            }
            RevCommit commit = resolveCommit(repository, spec.ref(), location);
            String shortCommit = commit.abbreviate(7).name();
            CommitTree.Entry directory;
            try (ObjectReader reader = repository.newObjectReader()) {
                directory = new CommitTree(reader, commit.getTree(), shortCommit).find(spec.path())
                        .orElseThrow(() -> new GitopsException("path '" + spec.path() + "' does not exist at commit "
                                + shortCommit + " of " + location + "; check the path and the ref"));
            }
            if (!directory.isDirectory()) {
                throw new GitopsException("path '" + spec.path() + "' is a file at commit " + shortCommit + " of "
                        + location + "; give the directory that holds the manifests");
            }
            return new GitSnapshot(repository, location.shown(), location.remote() ? null : originUrl(repository),
                    commit, spec.path(), directory, cloneDir);
        } catch (IOException | RuntimeException e) {
            if (repository != null) {
                repository.close();
            }
            GitSnapshot.deleteTree(cloneDir);
            if (e instanceof GitopsException gitops) {
                throw gitops;
            }
            throw new GitopsException("cannot read repository " + location + ": " + e.getMessage(), e);
        }
    }

    /** The URL of a local clone's {@code origin} remote without credentials, or null when it has no remote URL. */
    private static String originUrl(Repository local) {
        return Optional.ofNullable(local.getConfig().getString("remote", REMOTE, "url"))
                .map(RepositoryLocation::parse).filter(RepositoryLocation::remote).map(RepositoryLocation::shown)
                .orElse(null);
    }

    static Repository openLocal(RepositoryLocation location) throws IOException {
        File dir = Path.of(location.shown()).toAbsolutePath().toFile();
        if (!dir.isDirectory()) {
            throw new GitopsException("repository " + location + " does not exist; give the path of a Git repository"
                    + " or a URL");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (new File(dir, Constants.DOT_GIT).exists()) {
            builder.setWorkTree(dir); // also follows a .git file ("gitdir: ...")
        } else if (RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED)) {
            builder.setGitDir(dir);
        } else {
            throw new GitopsException("repository " + location + " is not a Git repository; give the directory of a"
                    + " working copy, a bare repository or a URL");
        }
        return builder.build();
    }

    static Repository cloneBare(RepositoryLocation location, Path dir) {
        try {
            // The shown URL carries no password; credentials go through the provider so that neither the
            // clone's config nor JGit's error messages ever hold them.
            Git git = Git.cloneRepository()
                    .setURI(location.shown())
                    .setCredentialsProvider(location.credentials())
                    .setDirectory(dir.toFile())
                    .setBare(true)
                    .setRemote(REMOTE)
                    .setCloneAllBranches(true)
                    .setTagOption(TagOpt.FETCH_TAGS)
                    .call();
            return git.getRepository();
        } catch (GitAPIException e) {
            throw new GitopsException("cannot clone " + location + ": " + e.getMessage()
                    + "; check the URL and that this machine may read it", e);
        }
    }

    private static RevCommit resolveCommit(Repository repository, String ref, RepositoryLocation location)
            throws IOException {
        try {
            ObjectId id = repository.resolve(ref + "^{commit}");
            if (id == null && location.remote() && ref.startsWith(REMOTE + "/")) {
                // A bare clone keeps the remote's branches as its own: origin/main is main here.
                id = repository.resolve(ref.substring(REMOTE.length() + 1) + "^{commit}");
            }
            if (id == null) {
                throw new GitopsException("ref '" + ref + "' was not found in " + location
                        + "; pass a branch, tag or commit id that exists there");
            }
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseCommit(id);
            }
        } catch (AmbiguousObjectException e) {
            throw new GitopsException("ref '" + ref + "' matches several objects in " + location
                    + "; give more characters of the commit id", e);
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new GitopsException("ref '" + ref + "' in " + location + " is not a branch, tag or commit;"
                    + " pass a branch, tag or commit id", e);
        }
    }
}
