package io.jenkins.plugins.gitops.engine.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Builds repositories on disk for render tests: copies of the corpus and small files written in place. */
final class TestRepos {
    private TestRepos() {
    }

    /** Copies corpus/{name} from the test resources to {@code repo}/{name}. */
    static Path copyCorpus(String name, Path repo) {
        try {
            Path source = Path.of(TestRepos.class.getResource("/corpus/" + name).toURI());
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path from : walk.toList()) {
                    Path to = repo.resolve(name).resolve(source.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to);
                        to.toFile().setWritable(true);
                    }
                }
            }
            return repo.resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path repo, String path, String content) {
        try {
            Path file = repo.resolve(path);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
