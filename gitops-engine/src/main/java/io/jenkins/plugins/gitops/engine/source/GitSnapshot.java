package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SourceSnapshot} read from the commit's tree through JGit. {@link #files()} and {@link #file}
 * are for one thread at a time; {@link #checkout()} and {@link #close()} are synchronised.
 */
final class GitSnapshot implements SourceSnapshot {
    private final Repository repository;
    private final String shownRepository;
    private final String remoteUrl;
    private final RevCommit commit;
    private final String shortCommit;
    private final String path;
    private final CommitTree.Entry directory;
    private final Path cloneDir;
    private Path checkoutDir;
    private final Set<String> written = new HashSet<>();
    private volatile boolean closed;

    GitSnapshot(Repository repository, String shownRepository, String remoteUrl, RevCommit commit, String path,
            CommitTree.Entry directory, Path cloneDir) {
        this.repository = repository;
        this.shownRepository = shownRepository;
        this.remoteUrl = remoteUrl;
        this.commit = commit;
        this.shortCommit = commit.abbreviate(7).name();
        this.path = path;
        this.directory = directory;
        this.cloneDir = cloneDir;
    }

    @Override
    public String repository() {
        return shownRepository;
    }

    @Override
    public Optional<String> remoteUrl() {
        return Optional.ofNullable(remoteUrl);
    }

    @Override
    public String commit() {
        return commit.name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<SourceFile> files() {
        ensureOpen();
        try (ObjectReader reader = repository.newObjectReader()) {
            CommitTree tree = tree(reader);
            List<SourceFile> files = new ArrayList<>();
            tree.walk(directory, path, true,
                    (filePath, blob, mode) -> files.add(new SourceFile(filePath, tree.read(blob))));
            // Tree order is not path order once a directory symlink expands in place of its link.
            files.sort(Comparator.comparing(SourceFile::path));
            return List.copyOf(files);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public Optional<SourceFile> file(String repositoryPath) {
        ensureOpen();
        String normalized = RepoPaths.normalize(repositoryPath);
        try (ObjectReader reader = repository.newObjectReader()) {
            CommitTree tree = tree(reader);
            Optional<CommitTree.Entry> entry = tree.find(normalized).filter(found -> !found.isDirectory());
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SourceFile(normalized, tree.read(entry.get().id())));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public synchronized Path checkout(Collection<String> repositoryPaths) {
        ensureOpen();
        try (ObjectReader reader = repository.newObjectReader()) {
            if (checkoutDir == null) {
                checkoutDir = PrivateTempDirs.create("checkout");
            }
            CommitTree tree = tree(reader);
            for (String wanted : repositoryPaths) {
                String normalized = RepoPaths.normalize(wanted);
                if (written.add(normalized)) {
                    Optional<CommitTree.Entry> entry = tree.find(normalized);
                    if (entry.isPresent()) {
                        writeEntry(tree, entry.get(), normalized, checkoutDir);
                    }
                }
            }
            return checkoutDir;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Writes one file, or a directory recursively, under its repository path. Symlinks arrive here already
     * resolved to their targets, so the checkout holds copies and nothing in it can point outside it.
     */
    private static void writeEntry(CommitTree tree, CommitTree.Entry entry, String shownAs, Path dir)
            throws IOException {
        CommitTree.FileVisitor write = (filePath, blob, mode) -> {
            Path file = dir.resolve(filePath).normalize();
            if (!file.startsWith(dir) || file.equals(dir)) {
                throw new GitopsException("entry '" + filePath + "' leaves the checkout directory; the repository is"
                        + " corrupt");
            }
            if (Files.exists(file)) {
                return;
            }
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                tree.copy(blob, out);
            }
            if (mode == FileMode.EXECUTABLE_FILE && !file.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + file + " executable");
            }
        };
        if (entry.isDirectory()) {
            tree.walk(entry, shownAs, false, write);
        } else {
            write.file(shownAs, entry.id(), entry.mode());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        repository.close();
        deleteTree(checkoutDir);
        deleteTree(cloneDir);
    }

    static void deleteTreeQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (GitopsException e) {
            // Best effort: a directory another account owns, say, stays for its owner to remove.
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
        } catch (IOException e) {
            throw new GitopsException("cannot remove temporary directory " + dir + "; delete it by hand", e);
        }
    }

    private CommitTree tree(ObjectReader reader) {
        return new CommitTree(reader, commit.getTree(), shortCommit);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the snapshot of " + shownRepository + " is closed");
        }
    }

    private GitopsException unreadable(Exception e) {
        return new GitopsException("cannot read commit " + shortCommit + " of " + shownRepository + ": "
                + e.getMessage(), e);
    }
}
