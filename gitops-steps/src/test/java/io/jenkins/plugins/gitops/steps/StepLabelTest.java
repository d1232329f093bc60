package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One environment, one name: {@code gitopsPlan(name: 'staging', path: 'environments/staging', planFile: ...)} then
 * {@code gitopsApply(planFile: ...)} label the plan, the apply and a refused apply alike, so the job's deployments
 * view lists one environment.
 */
class StepLabelTest {
    @TempDir
    Path tmp;

    @Test
    void theApplyOfASavedPlanAndItsRefusalKeepThePlansName() {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("environments/staging/app.yaml", SavedKubernetesPlanStepTest.APP).commit("staging");
            StepRunner runner = new StepRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit);
            plan.name("staging");
            plan.path("environments/staging");

            StepResponse planned = runner.run(plan.build());
            StepResponse applied = runner.run(request(StepRequest.Operation.APPLY, repo, commit).build());
            // the same plan again: the target changed since it was made, so it is refused as stale
            StepResponse refused = runner.run(request(StepRequest.Operation.APPLY, repo, commit).build());

            assertThat(PlanFile.read(tmp.resolve("staging.plan.json")).name()).isEqualTo("staging");
            assertThat(applied.success()).isTrue();
            assertThat(refused.error()).isNotNull();
            assertThat(new String[] {planned.label(), applied.label(), refused.label()})
                    .containsOnly("staging");
        }
    }

    @Test
    void withoutANameTheEnvironmentPathLabelsEveryCallAndTheFileOnlyAnUnreadablePlan() {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("environments/staging/app.yaml", SavedKubernetesPlanStepTest.APP).commit("staging");
            StepRunner runner = new StepRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit);
            plan.path("environments/staging");
            runner.run(plan.build());
            StepResponse applied = runner.run(request(StepRequest.Operation.APPLY, repo, commit).build());
            StepRequest.Builder missing = request(StepRequest.Operation.APPLY, repo, commit);
            missing.planFile(tmp.resolve("absent.plan.json").toString(), "absent.plan.json");

            assertThat(applied.label()).isEqualTo("environments/staging");
            assertThat(runner.run(missing.build()).label()).isEqualTo("absent.plan.json");
            StepRequest.Builder atTheRoot = request(StepRequest.Operation.PLAN, repo, commit);
            atTheRoot.path("");
            assertThat(runner.run(atTheRoot.build()).label()).as("a plan is not named by the file it saves")
                    .isEqualTo(".");
        }
    }

    /** As GitopsExecution sends a call: an apply of the saved plan gives neither name nor path. */
    private StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, String commit) {
        return StepRequests.of(operation, repo, commit, "", StepRequests.directory(tmp), "alice")
                .planFile(tmp.resolve("staging.plan.json").toString(), "staging.plan.json");
    }
}
