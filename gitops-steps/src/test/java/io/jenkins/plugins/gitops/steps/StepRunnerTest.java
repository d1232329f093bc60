package io.jenkins.plugins.gitops.steps;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.pages.PageLinks;
import io.jenkins.plugins.gitops.pages.Phase;
import io.jenkins.plugins.gitops.pages.PlanHtml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a step call leaves behind on the agent: the log, the plan for the build page, the response. */
class StepRunnerTest {
    private static final String TOKEN = "t0ken-from-a-credential";
    private static final String APP = configMap("settings", "color", "blue", "token", "${API_TOKEN}") + "---\n"
            + configMap("other", "size", "large");

    @TempDir
    Path tmp;

    @Test
    void theLogHasOneLinePerChangeAndTheDiffsOnlyWhenAsked() {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");

            String brief = run(request(StepRequest.Operation.PLAN, repo, commit).build()).log;
            StepRequest.Builder withDiffs = request(StepRequest.Operation.PLAN, repo, commit);
            withDiffs.logDiffs(true);
            String full = run(withDiffs.build()).log;

            assertThat(brief).contains("+ create ConfigMap/shop/settings  (envs/prod/app.yaml:1)\n",
                    "+ create ConfigMap/shop/other  (envs/prod/app.yaml:10)\n",
                    "Plan: 2 to create, 0 to update, 0 to delete, 0 unchanged.").doesNotContain("+++ desired/");
            assertThat(full).contains("+++ desired/ConfigMap/shop/settings", "+  color: blue");
        }
    }

    @Test
    void thePlanForTheBuildPageIsWrittenOnTheAgentAndItsPathComesBack() throws IOException {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit);
            plan.pageFile(tmp.resolve("page.json").toString());
            plan.planFile(tmp.resolve("plan.json").toString(), null);
            String buildUrl = "https://ci.example.com/job/shop/7/";
            plan.buildUrl(buildUrl);

            StepResponse response = run(plan.build()).response;

            assertThat(response.planSaved()).isTrue();
            assertThat(response.label()).isEqualTo("envs/prod");
            assertThat(StepPage.read(tmp.resolve("page.json")).plan().summary().create()).isEqualTo(2);
            // the apply of the saved plan, maybe in another build, links the build where the plan was reviewed
            assertThat(PlanFile.read(tmp.resolve("plan.json")).plannedBy()).isEqualTo(buildUrl);
        }
    }

    @Test
    void aWorkspaceCloneLinksItsCommitThroughItsOriginRemoteWithoutItsCredentials() throws IOException {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            // as `checkout scm` leaves it when the job's credentials are in the URL
            Files.writeString(repo.dir().resolve(".git/config"), "[remote \"origin\"]\n\turl = https://ci-bot:" + TOKEN
                    + "@github.com/acme/shop.git\n", StandardOpenOption.APPEND);
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit);
            plan.pageFile(tmp.resolve("page.json").toString());

            // planned and applied at once
            StepRequest.Builder apply = request(StepRequest.Operation.APPLY, repo, commit);
            apply.pageFile(tmp.resolve("applied.json").toString());

            run(plan.build());
            run(apply.build());

            for (String file : new String[] {"page.json", "applied.json"}) {
                Plan page = StepPage.read(tmp.resolve(file)).plan();
                assertThat(page.repository()).isEqualTo(repo.dir().toString()); // still read from the workspace
                assertThat(page.remoteUrl()).as(file).isEqualTo("https://github.com/acme/shop.git");
                assertThat(PlanHtml.header(page, Phase.PLAN, new PageLinks(null, null, null, null)))
                        .contains("href=\"https://github.com/acme/shop/commit/" + commit + "\"");
                assertThat(Files.readString(tmp.resolve(file))).doesNotContain(TOKEN, "ci-bot");
            }
        }
    }

    @Test
    void aSecretValueIsMaskedInThePageTheCheckAndTheError() throws IOException {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP)
                    .write("envs/bad/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${API_TOKEN}:\n")
                    .commit("prod");
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit);
            plan.pageFile(tmp.resolve("page.json").toString());

            StepResponse response = run(plan.build()).response;

            String page = Files.readString(tmp.resolve("page.json"));
            assertThat(page).doesNotContain(TOKEN).contains("token: '" + SecretMask.MASK + "'");
            assertThat(response.checkText()).doesNotContain(TOKEN).contains(SecretMask.MASK);

            StepRequest.Builder bad = request(StepRequest.Operation.PLAN, repo, commit);
            bad.path("envs/bad");
            StepResponse failed = run(bad.build()).response;
            assertThat(failed.error()).isNotNull().doesNotContain(TOKEN);
        }
    }

    /** Issue 25, point 1: the plan file in the workspace (stashed to the controller) held the credential's value. */
    @Test
    void aCredentialValueIsMaskedInThePlanFileAndTheSavedPlanStillApplies() throws IOException {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            String planFile = tmp.resolve("plan.json").toString();
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, commit);
            plan.planFile(planFile, null);
            plan.logDiffs(true);
            Run planned = run(plan.build());

            String file = Files.readString(tmp.resolve("plan.json"));
            assertThat(file).doesNotContain(TOKEN).contains("token: '" + SecretMask.MASK + "'");
            assertThat(planned.log).doesNotContain(TOKEN).contains("token: '" + SecretMask.MASK + "'");
            // a plain digest over the ConfigMap would let a holder of the plan test guesses of the token offline
            assertThat(PlanFile.read(tmp.resolve("plan.json")).desiredDigest()).startsWith("sha256:secrets-by-id:");

            StepRequest.Builder apply = request(StepRequest.Operation.APPLY, repo, commit);
            apply.planFile(planFile, null);
            Run applied = run(apply.build());
            assertThat(applied.response.success()).as(applied.log).isTrue();
            assertThat(Files.readString(tmp.resolve("target/_core/ConfigMap/shop/settings.yaml"))).contains(TOKEN);
        }
    }

    @Test
    void aSavedPlanAppliedInANewerCheckoutSaysWhichCommitItApplies() {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String reviewed = repo.write("envs/prod/app.yaml", APP).commit("prod");
            String planFile = tmp.resolve("plan.json").toString();
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, reviewed);
            plan.planFile(planFile, "plan.json");
            run(plan.build());
            String newer = repo.write("envs/prod/app.yaml", APP.replace("blue", "red")).commit("newer");
            StepRequest.Builder apply = request(StepRequest.Operation.APPLY, repo, newer);
            apply.path("");
            apply.planFile(planFile, "plan.json");

            Run applied = run(apply.build());

            assertThat(applied.response.success()).isTrue();
            assertThat(applied.response.result().commit()).isEqualTo(reviewed);
            assertThat(applied.log).containsOnlyOnce("[gitops] the plan in plan.json is for commit "
                    + reviewed.substring(0, 12) + " while the workspace is at " + newer.substring(0, 12));
            StepRequest.Builder same = request(StepRequest.Operation.PLAN, repo, newer);
            same.planFile(planFile, null);
            run(same.build());
            StepRequest.Builder again = request(StepRequest.Operation.APPLY, repo, newer);
            again.path("");
            again.planFile(planFile, "plan.json");
            assertThat(run(again.build()).log).doesNotContain("while the workspace is at");
        }
    }

    @Test
    void anEmptyDesiredStateDeletesNothingUnlessTheStepAllowsIt() throws IOException {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String full = repo.write("envs/prod/app.yaml", APP).commit("prod");
            assertThat(run(request(StepRequest.Operation.APPLY, repo, full).build()).response.success()).isTrue();
            Files.createDirectories(repo.dir().resolve("envs/prod"));
            String empty = repo.write("envs/prod/app.yaml", "# nothing left\n").commit("empty");

            StepResponse refused = run(request(StepRequest.Operation.APPLY, repo, empty).build()).response;
            StepRequest.Builder allowed = request(StepRequest.Operation.APPLY, repo, empty);
            allowed.allowEmpty(true);
            StepResponse emptied = run(allowed.build()).response;

            assertThat(refused.error()).contains("allowEmpty: true");
            assertThat(emptied.success()).isTrue();
            assertThat(emptied.result().deletes()).isEqualTo(2);
        }
    }

    /** Issue 26, point 1: the step's planFile goes through the same writer as the command line's --out. */
    @Test
    void aPlanFileThatIsAFolderIsRefusedAndAFifoIsWrittenThrough() throws Exception {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String commit = repo.write("envs/prod/app.yaml", APP).commit("prod");
            String folder = Files.createDirectories(tmp.resolve("plans")).toString();
            StepRequest.Builder toFolder = request(StepRequest.Operation.PLAN, repo, commit);
            toFolder.planFile(folder, null);

            assertThat(run(toFolder.build()).response.error()).contains("cannot write plan file " + folder
                    + ": it is a folder; give a file name");

            Path fifo = tmp.resolve("plan.fifo");
            Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.readString(fifo);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            StepRequest.Builder toFifo = request(StepRequest.Operation.PLAN, repo, commit);
            toFifo.planFile(fifo.toString(), null);

            assertThat(run(toFifo.build()).response.success()).isTrue();
            assertThat(PlanFile.fromJson(read.get(20, TimeUnit.SECONDS), "received").summary().create()).isEqualTo(2);
            assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).as("still a FIFO").isFalse();
        }
    }

    private record Run(String log, StepResponse response) {
    }

    private static Run run(StepRequest request) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StepResponse response = new StepRunner(new PrintStream(log, true, StandardCharsets.UTF_8)).run(request);
        return new Run(log.toString(StandardCharsets.UTF_8), response);
    }

    private StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, String commit) {
        return StepRequests.of(operation, repo, commit, "envs/prod", StepRequests.directory(tmp), "alice")
                .secretVars(Map.of("API_TOKEN", TOKEN)).secretPattern(Pattern.quote(TOKEN));
    }
}
