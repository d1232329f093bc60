package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/self-healing/Jenkinsfile, step by step on the repository's own example manifests (a kustomize overlay of
 * examples/base) and a directory target: a scheduled verify that reports drift without failing, and an apply only when
 * it found some.
 */
class SelfHealingExampleTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String TOKEN = "example-api-t0ken";

    @TempDir
    Path tmp;

    @Test
    void theJenkinsfileVerifiesOnAScheduleAndAppliesOnlyWhenItFoundDrift() throws IOException {
        String jenkinsfile = Files.readString(EXAMPLES.resolve("self-healing/Jenkinsfile"));
        assertThat(jenkinsfile).contains("triggers { cron(", "failOnDrift: false",
                "env.GITOPS_DRIFTED = verify.drifted.isEmpty() ? 'false' : 'true'",
                "when { expression { env.GITOPS_DRIFTED == 'true' } }", "autoApprove: true");
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.copyTree(EXAMPLES.resolve("base"), "base")
                    .copyTree(EXAMPLES.resolve("environments"), "environments").commit("examples");
            Path target = tmp.resolve("target");

            // First run: nothing deployed yet, which is drift too; the heal stage deploys.
            assertThat(cycle(repo, commit)).isEqualTo(new Cycle(true, true));
            // Quiet runs: in sync, nothing applied.
            assertThat(cycle(repo, commit)).isEqualTo(new Cycle(false, false));

            // Someone scales the Deployment by hand: the next run finds it and puts it back.
            Path deployment = deploymentFile(target);
            Files.writeString(deployment, Files.readString(deployment).replace("replicas: 2", "replicas: 7"));
            StepResponse found = run(request(StepRequest.Operation.VERIFY, repo, commit).build());
            assertThat(found.result().drifted()).hasSize(1).first().asString().contains("Deployment");
            assertThat(cycle(repo, commit)).isEqualTo(new Cycle(true, true));
            assertThat(Files.readString(deployment)).contains("replicas: 2").doesNotContain("replicas: 7");
            assertThat(cycle(repo, commit)).isEqualTo(new Cycle(false, false));
        }
    }

    /** What one scheduled build did: whether its verify found drift, and whether it applied. */
    private record Cycle(boolean drifted, boolean applied) {
    }

    private Cycle cycle(GitRepoFixture repo, String commit) {
        StepResponse verify = run(request(StepRequest.Operation.VERIFY, repo, commit).build());
        assertThat(verify.success()).as("failOnDrift: false never fails on drift").isTrue();
        boolean drifted = !verify.result().drifted().isEmpty();
        if (!drifted) {
            return new Cycle(false, false);
        }
        StepResponse apply = run(request(StepRequest.Operation.APPLY, repo, commit).build());
        assertThat(apply.success()).isTrue();
        StepResponse after = run(request(StepRequest.Operation.VERIFY, repo, commit).build());
        assertThat(after.result().drifted()).isEmpty();
        return new Cycle(true, true);
    }

    private static Path deploymentFile(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(target)) {
            return files.filter(f -> f.toString().contains("Deployment") && f.toString().endsWith("hello.yaml"))
                    .findFirst().orElseThrow();
        }
    }

    private static StepResponse run(StepRequest request) {
        return new StepRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(request);
    }

    /** As the Jenkinsfile's calls: path, name, the two variables, prune on the apply, no failure on drift. */
    private StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, String commit) {
        return StepRequests.of(operation, repo, commit, "environments/production", StepRequests.directory(tmp),
                "jenkins").name("prod").vars(Map.of("API_TOKEN", TOKEN, "REPLICAS", "2"))
                .secretPattern(Pattern.quote(TOKEN)).failOnDrift(false).prune(true);
    }
}
