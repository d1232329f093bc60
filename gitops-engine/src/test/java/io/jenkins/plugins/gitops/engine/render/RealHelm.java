package io.jenkins.plugins.gitops.engine.render;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real helm binary the tests take as the reference: {@code GITOPS_TEST_HELM}, else the one
 * {@code .ci/install-helm} puts in {@code .tools/helm}. CI always has it; a machine without it skips the tests
 * that need it, saying how to get it.
 */
final class RealHelm {
    private RealHelm() {
    }

    static Path binary() {
        Optional<Path> found = Optional.ofNullable(System.getenv("GITOPS_TEST_HELM")).map(Path::of)
                .or(() -> Optional.of(Path.of("..", ".tools", "helm", "helm").toAbsolutePath().normalize()))
                .filter(Files::isExecutable);
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must have a real helm: .ci/run installs it with .ci/install-helm");
        }
        assumeTrue(found.isPresent(), "no real helm here: run .ci/install-helm (or set GITOPS_TEST_HELM)");
        return found.get();
    }
}
