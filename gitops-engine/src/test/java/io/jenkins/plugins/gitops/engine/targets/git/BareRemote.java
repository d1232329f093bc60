package io.jenkins.plugins.gitops.engine.targets.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A real bare repository made in a test, standing in for the Git server an agent pulls from. */
final class BareRemote {
    private final Path dir;

    private BareRemote(Path dir) {
        this.dir = dir;
    }

    static BareRemote create(Path dir) {
        try (Git ignored = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            return new BareRemote(dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dir() {
        return dir;
    }

    String fileUrl() {
        return dir.toUri().toString();
    }

    /** The branch's head, or null when it does not exist. */
    RevCommit head(String branch) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve("refs/heads/" + branch);
            return id == null ? null : walk.parseCommit(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The branch's commits, newest first. */
    List<RevCommit> log(String branch) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve("refs/heads/" + branch);
            List<RevCommit> commits = new ArrayList<>();
            if (id != null) {
                walk.markStart(walk.parseCommit(id));
                walk.forEach(commits::add);
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of a commit with its content. */
    Map<String, String> files(RevCommit commit) {
        Map<String, String> files = new TreeMap<>();
        try (Repository repo = open(); TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files.put(walk.getPathString(),
                        new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Someone commits to the branch by hand, through a clone, and pushes. */
    RevCommit commitByHand(String branch, String author, String path, String content, Path work) {
        try (Git clone = Git.cloneRepository().setURI(fileUrl()).setDirectory(work.toFile()).setBranch(branch).call()) {
            Path file = work.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            clone.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent(author, author.toLowerCase() + "@example.invalid",
                    Instant.parse("2024-02-01T10:00:00Z"), ZoneOffset.UTC);
            RevCommit commit = clone.commit().setMessage("quick fix").setAuthor(who).setCommitter(who).setSign(false)
                    .call();
            clone.push().call();
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private Repository open() throws IOException {
        return Git.open(dir.toFile()).getRepository();
    }
}
