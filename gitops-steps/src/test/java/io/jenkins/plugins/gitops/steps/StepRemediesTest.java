package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's remedies reach the build log and the check as step parameters, never as command-line flags. */
class StepRemediesTest {
    static final Map<Remedy.Kind, String> PARAMETERS = Map.of(
            Remedy.Kind.FORCE_CONFLICTS, "forceConflicts: true on kubernetes(...)",
            Remedy.Kind.REPLACE_IMMUTABLE, "replaceImmutable: true on kubernetes(...)",
            Remedy.Kind.LOCK_WAIT, "lockWait: 'PT2M'",
            Remedy.Kind.REF, "ref: '0123abc'",
            Remedy.Kind.VARIABLES, "vars:, credentialVars: and varFiles:",
            Remedy.Kind.KUBECONFIG, "credentialsId:",
            Remedy.Kind.CONTEXT, "context: of kubernetes(...)",
            Remedy.Kind.SAVE_PLAN, "gitopsPlan(planFile: ...)",
            Remedy.Kind.ALLOW_EMPTY, "allowEmpty: true",
            Remedy.Kind.UPGRADE, "GitOps Pipeline plugin");

    @ParameterizedTest
    @EnumSource(Remedy.Kind.class)
    void everyRemedyNamesItsParameter(Remedy.Kind kind) {
        String value = kind == Remedy.Kind.REF ? "0123abc" : kind == Remedy.Kind.LOCK_WAIT ? "PT2M" : null;

        String words = StepRemedies.WORDING.word(new Remedy(kind, value));

        assertThat(words).contains(PARAMETERS.get(kind)).doesNotContain("--");
    }

    @Test
    void aPlanAppliedAtAnotherCommitIsToldTheRefParameter(@TempDir Path tmp) {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String first = repo.write("env/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n").commit("one");
            String second = repo.write("env/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")
                    .commit("two");
            StepRunner runner = new StepRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            StepRequest.Builder plan = request(StepRequest.Operation.PLAN, repo, tmp);
            plan.ref(first);
            plan.path("env");
            assertThat(runner.run(plan.build()).error()).isNull();

            StepRequest.Builder apply = request(StepRequest.Operation.APPLY, repo, tmp);
            apply.ref(second);
            StepResponse refused = runner.run(apply.build());

            assertThat(refused.error()).contains("nothing was applied; apply with ref: '" + first + "'")
                    .doesNotContain("--");
            assertThat(refused.checkSummary()).isEqualTo(refused.error());
        }
    }

    private static StepRequest.Builder request(StepRequest.Operation operation, GitRepoFixture repo, Path tmp) {
        return StepRequest.builder(operation).repository(repo.dir().toString()).target(StepRequests.directory(tmp))
                .planFile(tmp.resolve("plan.json").toString(), "plan.json").user("alice");
    }
}
