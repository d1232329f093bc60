package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.SourceFile;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A snapshot over a directory on disk, standing for a commit in render tests; the directory is the checkout. */
record DirectorySnapshot(Path root, String path) implements SourceSnapshot {
    @Override
    public String repository() {
        return root.toString();
    }

    @Override
    public String commit() {
        return "0".repeat(40);
    }

    @Override
    public List<SourceFile> files() {
        try (Stream<Path> walk = Files.walk(root.resolve(path))) {
            return walk.filter(Files::isRegularFile).map(this::read)
                    .sorted(Comparator.comparing(SourceFile::path)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> remoteUrl() {
        return Optional.empty(); // a directory, not a clone
    }

    @Override
    public Optional<SourceFile> file(String repositoryPath) {
        Path file = root.resolve(repositoryPath);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    @Override
    public Path checkout(java.util.Collection<String> repositoryPaths) {
        return root;
    }

    @Override
    public void close() {
    }

    private SourceFile read(Path file) {
        try {
            return new SourceFile(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
