package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.GitopsException;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The tree of one commit, read through one {@link ObjectReader} (so not thread-safe). Finds entries by
 * path and walks directories; symlinks are followed inside the repository only, the way a checkout on
 * disk would resolve them, and refused when they point outside it.
 */
final class CommitTree {
    /** Symlinks followed for one lookup, and directory symlinks nested in one walk, before we call it a loop. */
    static final int MAX_LINKS = 8;

    private final ObjectReader reader;
    private final ObjectId rootTree;
    private final String shortCommit;

    /** A regular file or a directory of the commit, at its real (symlink-free) path. */
    record Entry(String path, ObjectId id, FileMode mode) {
        boolean isDirectory() {
            return mode == FileMode.TREE;
        }
    }

    @FunctionalInterface
    interface FileVisitor {
        void file(String path, ObjectId blob, FileMode mode) throws IOException;
    }

    /** One path segment still to resolve, remembering which symlink (if any) it came from for errors. */
    private record Step(String name, String link, String target) {
    }

    CommitTree(ObjectReader reader, ObjectId rootTree, String shortCommit) {
        this.reader = reader;
        this.rootTree = rootTree;
        this.shortCommit = shortCommit;
    }

    Entry root() {
        return new Entry("", rootTree, FileMode.TREE);
    }

    /** The file or directory at a normalised path, following symlinks; empty when there is none. */
    Optional<Entry> find(String path) throws IOException {
        Deque<Step> steps = new ArrayDeque<>();
        addSteps(steps, path, null, null);
        return resolve(steps);
    }

    byte[] read(ObjectId blob) throws IOException {
        return reader.open(blob, Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE);
    }

    void copy(ObjectId blob, OutputStream out) throws IOException {
        reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
    }

    /**
     * Visits every regular file under a directory, reporting it under {@code shownAs} plus its relative
     * path. A symlink to a file is reported with the target's content under the link's path; a symlink
     * to a directory contributes that directory's files under the link's path.
     *
     * @param danglingIsError whether a symlink to nothing is an error (reading manifests: a missing file
     *     must not silently shrink the desired state) or skipped (a full checkout, like git's own)
     */
    void walk(Entry directory, String shownAs, boolean danglingIsError, FileVisitor visitor) throws IOException {
        walk(directory, shownAs, danglingIsError, visitor, new ArrayDeque<>());
    }

    private void walk(Entry directory, String shownAs, boolean danglingIsError, FileVisitor visitor,
            Deque<String> expanding) throws IOException {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(directory.id());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                String shown = RepoPaths.join(shownAs, walk.getPathString());
                if (isFile(mode)) {
                    visitor.file(shown, walk.getObjectId(0), mode);
                } else if (mode == FileMode.SYMLINK) {
                    String link = RepoPaths.join(directory.path(), walk.getPathString());
                    followLink(link, walk.getObjectId(0), shown, danglingIsError, visitor, expanding);
                } else if (mode == FileMode.GITLINK && danglingIsError) {
                    // A submodule's content is a commit of another repository that this snapshot does not hold,
                    // and fetching it would read a source the user never named. Skipping it would shrink the
                    // desired state, and prune what the submodule's manifests describe.
                    throw new GitopsException(shown + " is a Git submodule (a gitlink to commit "
                            + walk.getObjectId(0).abbreviate(7).name() + " of another repository), whose files are"
                            + " not in commit " + shortCommit + "; copy its manifests into this repository, or plan"
                            + " from the submodule's own repository");
                }
            }
        }
    }

    private void followLink(String link, ObjectId blob, String shown, boolean danglingIsError,
            FileVisitor visitor, Deque<String> expanding) throws IOException {
        String target = linkTarget(link, blob);
        Deque<Step> steps = new ArrayDeque<>();
        addSteps(steps, RepoPaths.parent(link), null, null);
        addSteps(steps, target, link, target);
        Optional<Entry> resolved = resolve(steps);
        if (resolved.isEmpty()) {
            if (danglingIsError) {
                throw new GitopsException("symlink " + link + " points to " + target + ", which is not in commit "
                        + shortCommit + "; fix or remove the link");
            }
            return;
        }
        Entry entry = resolved.get();
        if (!entry.isDirectory()) {
            visitor.file(shown, entry.id(), entry.mode());
            return;
        }
        boolean containsLink = entry.path().isEmpty() || link.startsWith(entry.path() + "/");
        if (containsLink || expanding.contains(entry.path()) || expanding.size() >= MAX_LINKS) {
            throw loop(link);
        }
        expanding.push(entry.path());
        walk(entry, shown, danglingIsError, visitor, expanding);
        expanding.pop();
    }

    private Optional<Entry> resolve(Deque<Step> steps) throws IOException {
        List<String> directory = new ArrayList<>();
        Deque<ObjectId> trees = new ArrayDeque<>();
        trees.push(rootTree);
        int links = 0;
        while (!steps.isEmpty()) {
            Step step = steps.pollFirst();
            String name = step.name();
            if (name.equals("..")) {
                if (directory.isEmpty()) {
                    throw new GitopsException("symlink " + step.link() + " points outside the repository ("
                            + step.target() + " is refused); make it point inside the repository");
                }
                directory.remove(directory.size() - 1);
                trees.pop();
                continue;
            }
            String path = RepoPaths.join(String.join("/", directory), name);
            FileMode mode;
            ObjectId id;
            try (TreeWalk hit = TreeWalk.forPath(reader, name, trees.peek())) {
                if (hit == null) {
                    return Optional.empty();
                }
                mode = hit.getFileMode(0);
                id = hit.getObjectId(0);
            }
            if (mode == FileMode.SYMLINK) {
                if (++links > MAX_LINKS) {
                    throw loop(path);
                }
                String target = linkTarget(path, id);
                Deque<Step> linked = new ArrayDeque<>();
                addSteps(linked, target, path, target);
                linked.descendingIterator().forEachRemaining(steps::addFirst);
            } else if (mode == FileMode.TREE) {
                directory.add(name);
                trees.push(id);
            } else if (isFile(mode) && steps.isEmpty()) {
                return Optional.of(new Entry(path, id, mode));
            } else {
                return Optional.empty(); // a file used as a directory, or a submodule (see walk)
            }
        }
        return Optional.of(new Entry(String.join("/", directory), trees.peek(), FileMode.TREE));
    }

    private String linkTarget(String link, ObjectId blob) throws IOException {
        String target = new String(read(blob), StandardCharsets.UTF_8);
        if (target.startsWith("/") || target.startsWith("\\") || target.matches("^[A-Za-z]:.*")) {
            throw new GitopsException("symlink " + link + " points outside the repository (" + target
                    + " is refused); make it point inside the repository");
        }
        return target;
    }

    private static void addSteps(Deque<Step> steps, String path, String link, String target) {
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                steps.addLast(new Step(name, link, target));
            }
        }
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static GitopsException loop(String link) {
        return new GitopsException("symlink " + link + " is part of a loop or of a chain of more than "
                + MAX_LINKS + " symlinks; make it point at the file or directory itself");
    }
}
