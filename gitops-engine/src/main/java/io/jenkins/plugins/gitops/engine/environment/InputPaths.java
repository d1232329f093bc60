package io.jenkins.plugins.gitops.engine.environment;

import io.jenkins.plugins.gitops.engine.source.SourceFile;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A snapshot that notes every repository path rendering reads: the environment directory, each file looked up
 * elsewhere (a kustomization's {@code ../../base}, a patch), and what kustomize or Helm are given to read. These are the
 * paths whose commits change what the environment renders to, which lead time counts.
 */
final class InputPaths implements SourceSnapshot {
    private final SourceSnapshot snapshot;
    private final Set<String> read = new TreeSet<>();

    InputPaths(SourceSnapshot snapshot) {
        this.snapshot = snapshot;
        read.add(snapshot.path());
    }

    /** Every path read so far, repository-relative ("" for the whole repository). */
    Set<String> read() {
        return Set.copyOf(read);
    }

    @Override
    public String repository() {
        return snapshot.repository();
    }

    @Override
    public Optional<String> remoteUrl() {
        return snapshot.remoteUrl();
    }

    @Override
    public String commit() {
        return snapshot.commit();
    }

    @Override
    public String path() {
        return snapshot.path();
    }

    @Override
    public List<SourceFile> files() {
        return snapshot.files();
    }

    @Override
    public Optional<SourceFile> file(String repositoryPath) {
        Optional<SourceFile> file = snapshot.file(repositoryPath);
        file.ifPresent(f -> read.add(f.path()));
        return file;
    }

    @Override
    public Path checkout(Collection<String> repositoryPaths) {
        read.addAll(repositoryPaths);
        return snapshot.checkout(repositoryPaths);
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
