package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The commits of a repository between applied revisions, with their times: what each deployment brought, for the
 * lead time of changes. A URL is cloned (bare, whole history) into a private temporary directory removed on close.
 */
public final class GitCommitLog implements AutoCloseable {
    private final Repository repository;
    private final RepositoryLocation location;
    private final Path cloneDir;

    private GitCommitLog(Repository repository, RepositoryLocation location, Path cloneDir) {
        this.repository = repository;
        this.location = location;
        this.cloneDir = cloneDir;
    }

    /** @throws GitopsException when the repository cannot be opened or cloned */
    public static GitCommitLog open(String repository) {
        RepositoryLocation location = RepositoryLocation.parse(repository);
        Path dir = null;
        try {
            if (!location.remote()) {
                return new GitCommitLog(GitSource.openLocal(location), location, null);
            }
            dir = PrivateTempDirs.create("clone");
            return new GitCommitLog(GitSource.cloneBare(location, dir), location, dir);
        } catch (IOException | RuntimeException e) {
            GitSnapshot.deleteTree(dir);
            if (e instanceof GitopsException gitops) {
                throw gitops;
            }
            throw new GitopsException("cannot read repository " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * The commits reachable from {@code applied} and from none of {@code before} that change something under
     * {@code path} ("" for everything), newest first. Empty when {@code applied} or the first of {@code before} is not
     * in this repository; other unknown commits of {@code before} are ignored.
     */
    public Optional<List<CommitTime>> brought(String applied, List<String> before, String path) {
        return brought(applied, before, List.of(path));
    }

    /**
     * Like {@link #brought(String, List, String)}, for the commits that change something under any of {@code paths}
     * (the files that render into an environment: its directory, the bases its kustomization reads, ...).
     */
    public Optional<List<CommitTime>> brought(String applied, List<String> before, Collection<String> paths) {
        try (RevWalk walk = new RevWalk(repository)) {
            Optional<RevCommit> start = parse(walk, applied);
            if (start.isEmpty() || before.isEmpty() || parse(walk, before.get(0)).isEmpty()) {
                return Optional.empty();
            }
            walk.markStart(start.get());
            for (String commit : before) {
                Optional<RevCommit> seen = parse(walk, commit);
                if (seen.isPresent()) {
                    walk.markUninteresting(seen.get());
                }
            }
            walk.setRevFilter(RevFilter.ALL);
            if (!paths.isEmpty() && !paths.contains("")) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            }
            List<CommitTime> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                commits.add(new CommitTime(c.name(), Instant.ofEpochSecond(c.getCommitTime())));
            }
            return Optional.of(commits);
        } catch (IOException e) {
            throw new GitopsException("cannot read the commits of " + location + ": " + e.getMessage(), e);
        }
    }

    private Optional<RevCommit> parse(RevWalk walk, String commit) throws IOException {
        try {
            return Optional.of(walk.parseCommit(ObjectId.fromString(commit)));
        } catch (MissingObjectException | IllegalArgumentException e) {
            return Optional.empty(); // not in this repository, or not a full commit id
        }
    }

    @Override
    public void close() {
        repository.close();
        GitSnapshot.deleteTree(cloneDir);
    }
}
