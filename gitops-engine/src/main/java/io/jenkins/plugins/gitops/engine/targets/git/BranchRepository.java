package io.jenkins.plugins.gitops.engine.targets.git;

import io.jenkins.plugins.gitops.engine.source.PrivateTempDirs;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FileUtils;

/**
 * The Git side of an environment branch: a private bare repository in a temporary directory that fetches the
 * one branch, reads files from its head commit (never from a working tree), builds a commit on top of that
 * head and pushes it as a compare-and-swap: the remote takes the commit only while the branch still points
 * at the head it was built on. Every transport JGit has works the same way, a local path and
 * {@code file://} included; credentials go through the provider, never into a URL or a message.
 */
final class BranchRepository implements AutoCloseable {
    private static final String FETCHED = "refs/gitops/fetched";

    private final GitBranchSpec spec;
    private final String url;
    private final CredentialsProvider credentials;
    private final Path dir;
    private final Repository repository;

    private BranchRepository(GitBranchSpec spec, String url, CredentialsProvider credentials, Path dir,
            Repository repository) {
        this.spec = spec;
        this.url = url;
        this.credentials = credentials;
        this.dir = dir;
        this.repository = repository;
    }

    /**
     * @param url the repository without any password in it (see {@code RepositoryLocation}); a local path absolute
     * @param credentials from the URL or given separately, or null
     */
    static BranchRepository open(GitBranchSpec spec, String url, CredentialsProvider credentials) {
        Path dir = null;
        Repository repository = null;
        try {
            dir = PrivateTempDirs.create("branch");
            repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            repository.create(true);
            return new BranchRepository(spec, url, credentials, dir, repository);
        } catch (IOException e) {
            if (repository != null) {
                repository.close();
            }
            deleteTree(dir);
            throw new TargetException("cannot create a temporary repository for " + spec.identity() + ": "
                    + e.getMessage(), e);
        }
    }

    Repository repository() {
        return repository;
    }

    /** Fetches the branch; its head commit, or empty when the remote has no such branch yet. */
    Optional<RevCommit> fetch() {
        try (Transport transport = transport()) {
            Ref advertised;
            try (FetchConnection connection = transport.openFetch()) {
                advertised = connection.getRef(spec.ref());
            }
            if (advertised == null) {
                return Optional.empty();
            }
            transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + spec.ref() + ":" + FETCHED)));
            try (RevWalk walk = new RevWalk(repository)) {
                return Optional.of(walk.parseCommit(repository.exactRef(FETCHED).getObjectId()));
            }
        } catch (IOException e) {
            throw unreachable("read", e);
        }
    }

    RevCommit parse(ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit);
        } catch (IOException e) {
            throw new TargetException("cannot read commit " + commit.name() + " of " + spec.identity() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The commits from {@code head} back to the newest one gitops wrote (not included), newest first, each
     * with the paths it changed below {@code folder}; at most {@code limit}. Commits that changed nothing there
     * are left out.
     */
    List<HandCommit> handCommits(RevCommit head, String folder, int limit) {
        List<HandCommit> found = new ArrayList<>();
        if (head == null) {
            return found;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                if (ApplyCommitMessage.of(commit).isPresent() || found.size() >= limit) {
                    break;
                }
                List<String> changed = changedPaths(commit, folder);
                if (!changed.isEmpty()) {
                    PersonIdent who = commit.getAuthorIdent();
                    found.add(new HandCommit(commit.name(), who.getName(), who.getEmailAddress(), who.getWhenAsInstant(),
                            commit.getShortMessage(), changed));
                }
            }
            return found;
        } catch (IOException e) {
            throw new TargetException("cannot read the history of " + spec.identity() + ": " + e.getMessage(), e);
        }
    }

    private List<String> changedPaths(RevCommit commit, String folder) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.setFilter(folder.isEmpty() ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilter.create(folder), TreeFilter.ANY_DIFF));
            if (commit.getParentCount() > 0) {
                walk.addTree(commit.getParent(0).getTree());
            } else {
                walk.addTree(new EmptyTreeIterator());
            }
            walk.addTree(commit.getTree());
            List<String> paths = new ArrayList<>();
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
            return paths;
        }
    }

    /** The files below {@code folder} in the commit's tree, by their path relative to the folder. */
    Map<String, ObjectId> files(RevCommit head, String folder) {
        Map<String, ObjectId> files = new TreeMap<>();
        if (head == null) {
            return files;
        }
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(head.getTree());
            walk.setRecursive(true);
            if (!folder.isEmpty()) {
                walk.setFilter(PathFilter.create(folder));
            }
            int skip = folder.isEmpty() ? 0 : folder.length() + 1;
            while (walk.next()) {
                if (walk.getFileMode(0) == FileMode.REGULAR_FILE || walk.getFileMode(0) == FileMode.EXECUTABLE_FILE) {
                    files.put(walk.getPathString().substring(skip), walk.getObjectId(0));
                }
            }
            return files;
        } catch (IOException e) {
            throw new TargetException("cannot read the tree of " + spec.identity() + " at " + head.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The size of a blob, known without reading it. */
    long size(ObjectId blob) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.getObjectSize(blob, Constants.OBJ_BLOB);
        } catch (IOException e) {
            throw new TargetException("cannot read " + blob.name() + " of " + spec.identity() + ": " + e.getMessage(), e);
        }
    }

    byte[] read(ObjectId blob) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.open(blob, Constants.OBJ_BLOB).getBytes();
        } catch (IOException e) {
            throw new TargetException("cannot read " + blob.name() + " of " + spec.identity() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a commit on top of {@code head} (none: the branch's first commit) whose tree is head's with
     * {@code writes} put and {@code deletes} removed, paths '/'-separated from the repository root.
     */
    ObjectId commit(RevCommit head, Map<String, byte[]> writes, List<String> deletes, PersonIdent author,
            PersonIdent committer, String message, CommitSigner signer) {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            if (head != null) {
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, head.getTree());
            }
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (String path : deletes) {
                editor.add(new DirCacheEditor.DeletePath(path));
            }
            for (Map.Entry<String, byte[]> write : writes.entrySet()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, write.getValue());
                editor.add(new DirCacheEditor.PathEdit(write.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (head != null) {
                commit.setParentId(head);
            }
            commit.setAuthor(author);
            commit.setCommitter(committer);
            commit.setMessage(message);
            signer.sign(repository, commit, committer);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new TargetException("cannot write the commit for " + spec.identity() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pushes {@code commit} to the branch only if the branch is still at {@code expectedHead} (null: does not
     * exist). The remote checks this under its own ref lock, so of two racing pushes built on one head exactly
     * one lands.
     *
     * @return empty when pushed; otherwise the remote's reason for refusing
     */
    Optional<String> push(ObjectId commit, RevCommit expectedHead) {
        try (Transport transport = transport()) {
            RemoteRefUpdate update = new RemoteRefUpdate(repository, null, commit, spec.ref(), false, null,
                    expectedHead == null ? ObjectId.zeroId() : expectedHead.getId());
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate done = result.getRemoteUpdate(spec.ref());
            return switch (done.getStatus()) {
                case OK, UP_TO_DATE -> Optional.empty();
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> Optional.of("the branch moved");
                default -> Optional.of(done.getStatus() + (done.getMessage() == null ? "" : " (" + done.getMessage() + ")"));
            };
        } catch (IOException e) {
            throw unreachable("push to", e);
        }
    }

    private Transport transport() throws IOException {
        Transport transport;
        try {
            transport = Transport.open(repository, new URIish(url));
        } catch (URISyntaxException e) {
            throw new TargetException("'" + spec.shownRepository() + "' is not a repository URL or path; write"
                    + " git:<repository URL or path>#<branch>", e);
        }
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        return transport;
    }

    private TargetException unreachable(String verb, IOException e) {
        String remedy = e instanceof TransportException && String.valueOf(e.getMessage()).contains("not authorized")
                ? "; check the credentials given for it"
                : "; check that the repository exists and that this machine may " + verb.split(" ")[0] + " it";
        // JGit's message names the URL as given to it, which never holds a password (see RepositoryLocation).
        return new TargetException("cannot " + verb + " " + spec.identity() + ": " + e.getMessage() + remedy, e);
    }

    @Override
    public void close() {
        repository.close();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        if (dir != null) {
            try {
                FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
            } catch (IOException e) {
                // one left behind is removed by the next run (PrivateTempDirs)
            }
        }
    }
}
