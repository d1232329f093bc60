package io.jenkins.plugins.gitops.steps;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.pages.PlanHtml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed apply's page and check say which resource failed and why, and which were not applied: the API server
 * refuses the Namespace, so the ConfigMaps of the next wave are never written.
 */
class FailedApplyStepTest {
    private static final String APP = SavedKubernetesPlanStepTest.APP + "---\n" + configMap("other", "size", "large");
    private static final String REFUSAL = "namespaces \"shop\" is forbidden: denied by policy quota-guard";

    @Test
    void thePageAndTheCheckNameTheFailedResourceItsReasonAndWhatWasNotApplied(@TempDir Path tmp) {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo")); FakeApiServer api = new FakeApiServer()) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            api.fail("PATCH", "/api/v1/namespaces/shop", 403, Map.of("kind", "Status", "apiVersion", "v1", "status",
                    "Failure", "code", 403, "reason", "Forbidden", "message", REFUSAL), 1);
            StepRequest.Builder apply = StepRequest.builder(StepRequest.Operation.APPLY);
            apply.repository(repo.dir().toString());
            apply.defaultCommit(commit);
            apply.path("envs/prod");
            apply.target(new StepTarget.Kubernetes(api.writeKubeconfig(tmp.resolve("kubeconfig")).toString(), null,
                    null, false, false));
            apply.pageFile(tmp.resolve("page.json").toString());
            apply.user("alice");
            ByteArrayOutputStream log = new ByteArrayOutputStream();

            StepResponse response = new StepRunner(new PrintStream(log, true, StandardCharsets.UTF_8))
                    .run(apply.build());

            assertThat(response.success()).as(log.toString(StandardCharsets.UTF_8)).isFalse();
            StepPage page = StepPage.read(tmp.resolve("page.json"));
            assertThat(page.outcomes()).extracting(o -> o.id().toString(), Outcome::status).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("Namespace/shop", Outcome.Status.FAILED),
                    org.assertj.core.groups.Tuple.tuple("ConfigMap/shop/settings", Outcome.Status.SKIPPED),
                    org.assertj.core.groups.Tuple.tuple("ConfigMap/shop/other", Outcome.Status.SKIPPED));
            assertThat(page.outcomes().stream().filter(o -> o.status() == Outcome.Status.FAILED).findFirst()
                    .orElseThrow().error()).contains("forbidden: patch Namespace/shop", "grant that permission");

            String html = PlanHtml.outcomes(page.outcomes());
            assertThat(html).contains("1 failed", "2 not applied", "0 done", "<code>Namespace/shop</code>",
                    "forbidden: patch Namespace/shop", "<code>ConfigMap/shop/settings</code>");
            assertThat(response.checkSummary()).contains("`Namespace/shop`", "forbidden: patch Namespace/shop",
                    "not applied (another resource failed): `ConfigMap/shop/settings`");
            assertThat(api.client().configMaps().inNamespace("shop").withName("settings").get()).isNull();
        }
    }

    @Test
    void aPageKeptBeforeOutcomesWereReadsAsAPlanWithoutThem(@TempDir Path tmp) {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            StepRequest.Builder plan = StepRequest.builder(StepRequest.Operation.PLAN);
            plan.repository(repo.dir().toString());
            plan.defaultCommit(commit);
            plan.path("envs/prod");
            plan.target(new StepTarget.Directory(tmp.resolve("target").toString()));
            plan.planFile(tmp.resolve("plan.json").toString(), null); // a plain plan file, as pages were kept before
            new StepRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .run(plan.build());

            StepPage old = StepPage.read(tmp.resolve("plan.json"));

            assertThat(old.plan().summary().create()).isEqualTo(3);
            assertThat(old.outcomes()).isEmpty();
            assertThat(PlanHtml.outcomes(List.of())).isEmpty();
        }
    }
}
