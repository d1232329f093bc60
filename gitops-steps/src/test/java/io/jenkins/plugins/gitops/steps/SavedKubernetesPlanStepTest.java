package io.jenkins.plugins.gitops.steps;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitopsApply(planFile: 'prod.plan.json', target: kubernetes(...))} without {@code path:}, as README.md
 * and examples/Jenkinsfile show it: the step's path stays "" (its default), and the plan's path names the
 * inventory. The plugin sent "" to the target before, which opened inventory {@code default} and refused the plan.
 */
class SavedKubernetesPlanStepTest {
    static final String APP = namespace() + configMap("settings", "color", "blue");

    @Test
    void appliesASavedPlanWithoutThePath(@TempDir Path tmp) {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo")); FakeApiServer api = new FakeApiServer()) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            StepTarget target = new StepTarget.Kubernetes(api.writeKubeconfig(tmp.resolve("kubeconfig")).toString(),
                    null, null, false, false);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            StepRunner runner = new StepRunner(new PrintStream(log, true, StandardCharsets.UTF_8));

            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit, target, tmp);
            plan.path("envs/prod");
            StepResponse planned = runner.run(plan.build());
            assertThat(planned.error()).as(log.toString(StandardCharsets.UTF_8)).isNull();
            assertThat(planned.result().creates()).isEqualTo(2);

            StepRequest.Builder apply = request(StepRequest.Operation.APPLY, repo, commit, target, tmp);
            assertThat(apply.build().path()).isEmpty();
            StepResponse applied = runner.run(apply.build());

            assertThat(applied.error()).as(log.toString(StandardCharsets.UTF_8)).isNull();
            assertThat(applied.success()).isTrue();
            assertThat(applied.result().creates()).isEqualTo(2);
            assertThat(api.client().configMaps().inNamespace("shop").withName("settings").get().getData())
                    .containsEntry("color", "blue");
            ConfigMap inventory = api.client().configMaps().inNamespace("gitops-system").withName("envs-prod").get();
            assertThat(inventory.getData().get("resources")).contains("settings");
            assertThat(api.client().configMaps().inNamespace("gitops-system").withName("default").get()).isNull();
        }
    }

    /** What GitopsExecution sends for a step call with only planFile: and target: given (path: stays ""). */
    private static StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, String commit,
            StepTarget target, Path tmp) {
        return StepRequests.of(operation, repo, commit, "", target, "alice")
                .planFile(tmp.resolve("prod.plan.json").toString(), "prod.plan.json");
    }
}
