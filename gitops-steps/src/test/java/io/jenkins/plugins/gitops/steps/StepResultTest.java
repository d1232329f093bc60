package io.jenkins.plugins.gitops.steps;

import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.CONFIG;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.OLD;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.SAME;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.WEB;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.change;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.mixedPlan;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.gitops.engine.report.ReportFixtures;
import org.junit.jupiter.api.Test;

class StepResultTest {

    @Test
    void planCountsEachActionAndKeepsTheKeysInOrder() {
        StepResult result = StepResult.of(mixedPlan(), "plans/prod.json");
        Map<String, Object> m = result.toMap();

        assertThat(result.hasChanges()).isTrue();
        assertThat(m.keySet()).containsExactlyElementsOf(StepResult.KEYS);
        assertThat(m).containsEntry("creates", 1).containsEntry("updates", 1).containsEntry("deletes", 1)
                .containsEntry("unchanged", 1).containsEntry("runs", 0).containsEntry("hasChanges", true)
                .containsEntry("planFile", "plans/prod.json").containsEntry("digest", "sha256:desired")
                .containsEntry("commit", ReportFixtures.COMMIT)
                .containsEntry("drifted", List.of()).containsEntry("unhealthy", List.of());
    }

    @Test
    void planWithoutChangesSaysSoAndAnUnsavedPlanHasAnEmptyFileName() {
        Map<String, Object> m = StepResult.of(plan(List.of(change(SAME, Action.NOOP, ""))), null).toMap();

        assertThat(m).containsEntry("hasChanges", false).containsEntry("unchanged", 1).containsEntry("planFile", "");
    }

    @Test
    void applyCountsOnlyWhatWasDone() {
        Plan plan = mixedPlan();
        ApplyResult result = new ApplyResult(plan, List.of(
                new Outcome(WEB, Action.CREATE, Outcome.Status.DONE, null),
                new Outcome(CONFIG, Action.UPDATE, Outcome.Status.FAILED, "refused"),
                new Outcome(SAME, Action.NOOP, Outcome.Status.UNCHANGED, null),
                new Outcome(OLD, Action.DELETE, Outcome.Status.SKIPPED, null)), null);

        Map<String, Object> m = StepResult.of(result, "plan.json", List.of(new ResourceHealth(WEB,
                new Health(HealthStatus.FAILED, "BackoffLimitExceeded")))).toMap();

        assertThat(m).containsEntry("creates", 1).containsEntry("updates", 0).containsEntry("deletes", 0)
                .containsEntry("unchanged", 1).containsEntry("hasChanges", true).containsEntry("planFile", "plan.json");
        assertThat((List<?>) m.get("unhealthy")).singleElement().asString().contains(WEB.toString())
                .contains("BackoffLimitExceeded");
    }

    @Test
    void runOnceHooksCountAsRunsNotAsChanges() {
        Plan plan = plan(List.of(change(SAME, Action.NOOP, ""), change(WEB, Action.RUN, "+kind: Job\n")));
        ApplyResult ran = new ApplyResult(plan, List.of(new Outcome(SAME, Action.NOOP, Outcome.Status.UNCHANGED, null),
                new Outcome(WEB, Action.RUN, Outcome.Status.DONE, null)), null);
        ApplyResult failed = new ApplyResult(plan, List.of(new Outcome(WEB, Action.RUN, Outcome.Status.FAILED, "no")),
                null);

        assertThat(StepResult.of(plan, null).toMap()).containsEntry("runs", 1).containsEntry("hasChanges", false);
        assertThat(StepResult.of(ran, null, List.of()).toMap()).containsEntry("runs", 1).containsEntry("creates", 0)
                .containsEntry("unchanged", 1);
        assertThat(StepResult.of(failed, null, List.of()).runs()).isZero();
    }

    @Test
    void verifyListsDriftedAndUnhealthyResourcesByName() {
        VerifyResult result = new VerifyResult(mixedPlan(),
                List.of(new ResourceHealth(WEB, new Health(HealthStatus.FAILED, "image pull failed"))));

        Map<String, Object> m = StepResult.of(result).toMap();

        assertThat(m.get("drifted")).isEqualTo(List.of(WEB.toString(), CONFIG.toString(), OLD.toString()));
        assertThat(m.get("unhealthy")).asList().singleElement().asString().contains(WEB.toString(), "image pull failed");
        assertThat(m).containsEntry("planFile", "");
    }

    @Test
    void theMapHoldsOnlySerializableJdkValues() throws IOException {
        Map<String, Object> m = StepResult.of(mixedPlan(), "p.json").toMap();
        // Pipeline persists step results with Java serialization; an engine type here would break a resume.
        for (Object value : m.values()) {
            assertThat(value.getClass().getName()).startsWith("java.");
        }
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(m);
        }
    }

    /** The typed result comes back from the agent over the remoting channel: Java serialization, as there. */
    @Test
    void theResultReadsBackAsItWasSentWithItsListsStillUnmodifiable() throws Exception {
        StepResult sent = StepResult.of(new VerifyResult(mixedPlan(), List.of()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        StepResult received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = (StepResult) in.readObject();
        }

        assertThat(received).isEqualTo(sent);
        assertThat(received.drifted()).hasSize(3);
        assertThatThrownBy(() -> received.drifted().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
