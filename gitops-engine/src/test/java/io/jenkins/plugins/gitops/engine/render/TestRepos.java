package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;

/**
 * Builds repositories on disk for render tests (copies of the corpus and small files written in place) and loads
 * environments from Git repositories as the use cases do.
 */
final class TestRepos {
    private TestRepos() {
    }

    /** Copies corpus/{name} from the test resources to {@code repo}/{name}. */
    static Path copyCorpus(String name, Path repo) {
        try {
            Path source = corpus(name);
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

    static Path corpus(String name) {
        try {
            return Path.of(TestRepos.class.getResource("/corpus/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment at {@code path} of the repository's HEAD, with these variables, as the use cases load it. */
    static Environment load(GitRepoFixture repo, String path, Map<String, String> variables) {
        return new EnvironmentLoader(RenderOptions.defaults().withVariables(variables), List.of(), Progress.NONE)
                .load(new SourceSpec(repo.dir().toString(), null, path));
    }

    /** What makes the environment at {@code path} invalid; fails when it loads. */
    static List<Problem> problems(GitRepoFixture repo, String path, Map<String, String> variables) {
        return Assertions.catchThrowableOfType(InvalidDesiredStateException.class,
                () -> load(repo, path, variables)).problems();
    }
}
