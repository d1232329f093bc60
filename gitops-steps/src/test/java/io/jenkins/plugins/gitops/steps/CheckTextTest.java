package io.jenkins.plugins.gitops.steps;

import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.CONFIG;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.OLD;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.SAME;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.WEB;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.change;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.mixedPlan;
import static io.jenkins.plugins.gitops.engine.report.ReportFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import io.jenkins.plugins.gitops.engine.report.ReportFixtures;
import org.junit.jupiter.api.Test;

class CheckTextTest {

    @Test
    void planIsASuccessTitledWithItsCounts() {
        CheckText check = CheckText.forPlan(mixedPlan());

        assertThat(check.success()).isTrue();
        assertThat(check.title()).isEqualTo("1 to create, 1 to update, 1 to delete");
        assertThat(check.summary()).contains(ReportFixtures.COMMIT, "`env`", "dir:/srv/target",
                "1 to create, 1 to update, 1 to delete, 1 unchanged");
        assertThat(check.text()).contains(CONFIG.toString());
    }

    @Test
    void planWithoutChangesIsTitledSo() {
        assertThat(CheckText.forPlan(plan(List.of(change(SAME, Action.NOOP, "")))).title()).isEqualTo("No changes");
    }

    @Test
    void hugePlanStaysWithinGithubLimits() {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            changes.add(change(new ResourceId("", "ConfigMap", "shop", "config-" + i), Action.UPDATE,
                    "--- a\n+++ b\n-value: " + "x".repeat(40) + "\n+value: " + "y".repeat(40) + "\n"));
        }
        CheckText check = CheckText.forPlan(plan(changes));

        assertThat(check.summary().length() + check.text().length()).isLessThanOrEqualTo(CheckText.MAX_CHARS);
        assertThat(check.text()).isNotEmpty()
                .containsPattern("… (diffs of )?[1-9][0-9]* more changes not shown; see the full plan\\.\n$");
    }

    @Test
    void failedApplyIsAFailureNamingTheResourceAndItsError() {
        Plan plan = mixedPlan();
        CheckText check = CheckText.forApply(new ApplyResult(plan, List.of(
                new Outcome(WEB, Action.CREATE, Outcome.Status.DONE, null),
                new Outcome(CONFIG, Action.UPDATE, Outcome.Status.FAILED, "admission webhook denied")), null),
                List.of());

        assertThat(check.success()).isFalse();
        assertThat(check.title()).isEqualTo("Apply failed for 1 resource(s)");
        assertThat(check.summary()).contains(CONFIG.toString(), "admission webhook denied");
    }

    @Test
    void aSuccessfulApplySaysWhatItDidNotWhatItWouldDo() {
        CheckText check = CheckText.forApply(new ApplyResult(mixedPlan(), List.of(
                new Outcome(WEB, Action.CREATE, Outcome.Status.DONE, null),
                new Outcome(CONFIG, Action.UPDATE, Outcome.Status.UNCHANGED, null),
                new Outcome(OLD, Action.DELETE, Outcome.Status.DONE, null),
                new Outcome(SAME, Action.NOOP, Outcome.Status.UNCHANGED, null)), null), List.of());

        assertThat(check.success()).isTrue();
        assertThat(check.title()).isEqualTo("Applied: 1 created, 0 updated, 1 deleted, 2 unchanged");
    }

    @Test
    void applyWhoseResourcesStayUnhealthyIsAFailureNamingThem() {
        Plan plan = mixedPlan();
        ApplyResult applied = new ApplyResult(plan, List.of(new Outcome(WEB, Action.CREATE, Outcome.Status.DONE,
                null)), null);
        ResourceHealth stuck = new ResourceHealth(WEB, new Health(HealthStatus.IN_PROGRESS, "1 of 3 replicas updated"));

        CheckText check = CheckText.forApply(applied, List.of(stuck));
        assertThat(check.success()).isFalse();
        assertThat(check.title()).isEqualTo("Applied, 1 unhealthy");
        assertThat(check.summary()).contains("unhealthy: `" + stuck + "`");
        assertThat(CheckText.forApply(applied, List.of()).success()).isTrue();
    }

    @Test
    void driftFailsOnlyWhenAskedTo() {
        VerifyResult drift = new VerifyResult(mixedPlan(), List.of());

        assertThat(CheckText.forVerify(drift, true).success()).isFalse();
        assertThat(CheckText.forVerify(drift, false).success()).isTrue();
        assertThat(CheckText.forVerify(drift, true).summary()).contains("drift: `" + WEB + "`");
        VerifyResult clean = new VerifyResult(plan(List.of(change(SAME, Action.NOOP, ""))), List.of());
        assertThat(CheckText.forVerify(clean, true).success()).isTrue();
        assertThat(CheckText.forVerify(clean, true).title()).isEqualTo("In sync and healthy");
    }

    /** A directory or a Git branch holds no status: its verify claims no health. */
    @Test
    void aVerifyWhereHealthIsNotObservedSaysSo() {
        VerifyResult clean = new VerifyResult(plan(List.of(change(SAME, Action.NOOP, ""))), List.of(), false, List.of());
        VerifyResult drift = new VerifyResult(mixedPlan(), List.of(), false, List.of());

        assertThat(CheckText.forVerify(clean, true).title()).isEqualTo("In sync (health not observed)");
        assertThat(CheckText.forVerify(drift, true).title()).isEqualTo(drift.drifted().size()
                + " drifted (health not observed)");
    }

    @Test
    void anOverlongErrorIsCutToWhatGithubAccepts() {
        CheckText check = CheckText.forError("x".repeat(100_000));

        assertThat(check.success()).isFalse();
        assertThat(check.summary()).hasSizeLessThanOrEqualTo(CheckText.MAX_CHARS).endsWith("(cut: too long for a check)");
    }
}
