package io.jenkins.plugins.gitops.engine.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/**
 * A real Git repository (with a working tree, branch "main") made with JGit in a test's directory.
 * Writes go to the working tree; {@link #commit} records them. Checked exceptions become unchecked so
 * tests read as a script.
 */
public final class GitRepoFixture implements AutoCloseable {
    private static final PersonIdent AUTHOR =
            new PersonIdent("GitOps Test", "test@example.invalid", Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Git git;
    private final Path dir;

    private GitRepoFixture(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static GitRepoFixture init(Path dir) {
        return call(() -> new GitRepoFixture(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir));
    }

    public Path dir() {
        return dir;
    }

    public GitRepoFixture write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public GitRepoFixture write(String path, byte[] content) {
        return call(() -> {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        });
    }

    /** Deletes a file or a whole directory from the working tree. */
    public GitRepoFixture delete(String path) {
        return call(() -> {
            FileUtils.delete(dir.resolve(path).toFile(), FileUtils.RECURSIVE);
            return this;
        });
    }

    /** A real symlink in the working tree, committed as a symlink by the next {@link #commit}. */
    public GitRepoFixture symlink(String path, String target) {
        return call(() -> {
            Path link = dir.resolve(path);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        });
    }

    /** Copies a directory from disk (test resources, say) to {@code toPath} in the working tree. */
    public GitRepoFixture copyTree(Path from, String toPath) {
        return call(() -> {
            Path to = dir.resolve(toPath);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path copy = to.resolve(from.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
            return this;
        });
    }

    /** Stages every change, deletions included, commits on the current branch and returns the full id. */
    public String commit(String message) {
        return commit(message, AUTHOR);
    }

    /** As {@link #commit(String)}, authored and committed at {@code time}. */
    public String commit(String message, Instant time) {
        return commit(message, new PersonIdent(AUTHOR, time, ZoneOffset.UTC));
    }

    private String commit(String message, PersonIdent who) {
        return call(() -> {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
        });
    }

    /** An annotated tag on HEAD. */
    public GitRepoFixture tag(String name) {
        return call(() -> {
            git.tag().setName(name).setMessage("tag " + name).setTagger(AUTHOR).setAnnotated(true).setSigned(false).call();
            return this;
        });
    }

    /** A lightweight tag on HEAD. */
    public GitRepoFixture lightweightTag(String name) {
        return call(() -> {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        });
    }

    /** A branch at HEAD; the current branch stays checked out. */
    public GitRepoFixture branch(String name) {
        return call(() -> {
            git.branchCreate().setName(name).call();
            return this;
        });
    }

    @Override
    public void close() {
        git.close();
    }

    private interface GitAction<T> {
        T run() throws IOException, GitAPIException;
    }

    private static <T> T call(GitAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }
}
