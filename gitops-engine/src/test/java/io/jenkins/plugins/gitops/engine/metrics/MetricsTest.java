package io.jenkins.plugins.gitops.engine.metrics;

import static io.jenkins.plugins.gitops.engine.metrics.History.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.gitops.engine.targets.Revision.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted histories with answers worked out by hand; the period is March 2026 (31 days). */
class MetricsTest {
    private static final MetricsOptions MARCH = new MetricsOptions(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"), Duration.ofHours(24));
    private static final long HOUR = 3600;

    private static EnvironmentMetrics measure(History h) {
        return Metrics.measure("dir:/srv/prod", h.entries, h.log(), MARCH);
    }

    @Test
    void noDeploysGiveZeroCountsAndNoRatesRatherThanMadeUpOnes() {
        EnvironmentMetrics m = measure(new History());

        assertThat(m.entries()).isZero();
        assertThat(m.deploymentFrequency().events()).isZero();
        assertThat(m.deploymentFrequency().perDay()).isZero();
        assertThat(m.leadTime().events()).isZero();
        assertThat(m.leadTime().medianSeconds()).isNull();
        assertThat(m.changeFailureRate().events()).isZero();
        assertThat(m.changeFailureRate().rate()).isNull();
        assertThat(m.timeToRestore().events()).isZero();
        assertThat(m.timeToRestore().medianSeconds()).isNull();
        assertThat(m.daily()).hasSize(31).allSatisfy(d -> assertThat(d.deployments()).isZero());
        assertThat(m.daily().get(0).date()).isEqualTo("2026-03-01");
        assertThat(m.daily().get(30).date()).isEqualTo("2026-03-31");
    }

    @Test
    void oneDeployCountsButHasNoEarlierRevisionToMeasureLeadTimeFrom() {
        History h = new History().deploy("a1", "2026-03-10T12:00:00Z", commit("a1", "2026-03-10T11:00:00Z"));

        EnvironmentMetrics m = measure(h);

        assertThat(m.deploymentFrequency().events()).isEqualTo(1);
        assertThat(m.deploymentFrequency().perDay()).isCloseTo(1 / 31.0, within(1e-9));
        assertThat(m.deploymentFrequency().perWeek()).isCloseTo(7 / 31.0, within(1e-9));
        assertThat(m.leadTime().events()).isZero();
        assertThat(m.leadTime().withoutBase()).isEqualTo(1);
        assertThat(h.asked).as("no walk without a base").isEmpty();
        assertThat(m.changeFailureRate().events()).isEqualTo(1);
        assertThat(m.changeFailureRate().rate()).isEqualTo(0.0);
        assertThat(m.daily().get(9).deployments()).isEqualTo(1);
    }

    @Test
    void leadTimeRunsFromEachCommitToTheApplyThatBroughtIt() {
        History h = new History()
                .deploy("a", "2026-02-20T00:00:00Z") // before the period: the base, not counted
                .deploy("b", "2026-03-02T12:00:00Z",
                        commit("b", "2026-03-02T09:00:00Z"), commit("b0", "2026-03-02T11:00:00Z"))
                .unchanged("u", "2026-03-03T00:00:00Z") // a commit elsewhere in the repository: no deployment
                .deploy("c", "2026-03-05T12:00:00Z", commit("c", "2026-03-05T02:00:00Z"),
                        commit("c1", "2026-03-05T10:00:00Z"), commit("c0", "2026-03-05T11:30:00Z"));

        EnvironmentMetrics m = measure(h);

        // 3h, 1h, 10h, 2h, 30min -> sorted 0.5, 1, 2, 3, 10 hours; nearest rank: median the 3rd, p90 the 5th.
        assertThat(m.leadTime().events()).isEqualTo(5);
        assertThat(m.leadTime().deployments()).isEqualTo(2);
        assertThat(m.leadTime().medianSeconds()).isEqualTo(2 * HOUR);
        assertThat(m.leadTime().p90Seconds()).isEqualTo(10 * HOUR);
        assertThat(h.asked).containsExactly("b after [a] on envs/prod", "c after [u, b, a] on envs/prod");
        assertThat(m.deploymentFrequency().events()).as("the unchanged apply is no deployment").isEqualTo(2);
        assertThat(m.daily().get(1).leadTimeMedianSeconds()).isEqualTo(HOUR);
        assertThat(m.daily().get(4).leadTimeMedianSeconds()).isEqualTo(2 * HOUR);
        assertThat(m.daily().get(2).leadTimeMedianSeconds()).isNull();
    }

    @Test
    void aCommitAheadOfTheApplyingClockIsNoNegativeLeadTime() {
        History h = new History().deploy("a", "2026-03-01T10:00:00Z")
                .deploy("b", "2026-03-02T12:00:00Z", commit("b", "2026-03-02T12:05:00Z"));

        assertThat(measure(h).leadTime().medianSeconds()).isZero();
    }

    @Test
    void commitsTheRepositoryDoesNotKnowAreCountedAsUnresolved() {
        History h = new History().deploy("a", "2026-03-01T10:00:00Z").deploy("b", "2026-03-02T12:00:00Z");
        h.brought.remove("b");

        LeadTime lead = measure(h).leadTime();

        assertThat(lead.unresolved()).isEqualTo(1);
        assertThat(lead.events()).isZero();
    }

    @Test
    void aRollbackWithinTheWindowFailsTheDeploymentsItUndid() {
        History h = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .deploy("b", "2026-03-02T10:00:00Z", commit("b", "2026-03-02T09:00:00Z"))
                .deploy("c", "2026-03-02T14:00:00Z", commit("c", "2026-03-02T13:00:00Z"))
                .rollback("a", "2026-03-03T09:00:00Z"); // 23h after b, 19h after c: both undone

        EnvironmentMetrics m = measure(h);

        ChangeFailureRate cfr = m.changeFailureRate();
        assertThat(cfr.events()).isEqualTo(4);
        assertThat(cfr.rolledBack()).isEqualTo(2);
        assertThat(cfr.failed()).isEqualTo(2);
        assertThat(cfr.rate()).isEqualTo(0.5);
        assertThat(cfr.window()).isEqualTo("PT24H");
        assertThat(h.asked).as("a rollback brings no commit: no walk").noneMatch(q -> q.startsWith("a after"));
        assertThat(m.leadTime().deployments()).isEqualTo(2);
        assertThat(m.deploymentFrequency().events()).as("a rollback is a deployment").isEqualTo(4);
        assertThat(m.daily().get(1).failed()).isEqualTo(2);
        assertThat(m.daily().get(2).failed()).isZero();
    }

    @Test
    void aRollbackIsRecognisedInEntriesWrittenBeforeTheFlagExisted() {
        History h = new History()
                .old("a", "2026-03-01T10:00:00Z")
                .old("b", "2026-03-02T10:00:00Z", commit("b", "2026-03-02T09:00:00Z"))
                .old("a", "2026-03-02T11:00:00Z");

        EnvironmentMetrics m = measure(h);

        assertThat(m.changeFailureRate().rolledBack()).isEqualTo(1);
        assertThat(m.deploymentFrequency().events()).as("old entries were each a new revision").isEqualTo(3);
        assertThat(m.leadTime().events()).isEqualTo(1);
    }

    @Test
    void aRollbackAfterTheWindowOrToTheDeploymentItselfFailsNothing() {
        History late = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .deploy("b", "2026-03-02T10:00:00Z")
                .rollback("a", "2026-03-03T10:00:01Z");
        assertThat(measure(late).changeFailureRate().failed()).isZero();

        History toB = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .deploy("b", "2026-03-02T10:00:00Z")
                .deploy("c", "2026-03-02T11:00:00Z")
                .rollback("b", "2026-03-02T12:00:00Z"); // undoes c, not b
        ChangeFailureRate cfr = measure(toB).changeFailureRate();
        assertThat(cfr.rolledBack()).isEqualTo(1);
        assertThat(cfr.events()).isEqualTo(4);
    }

    @Test
    void aNewRevisionEndingAnUnhealthySpellOfTheDeploymentIsAFix() {
        History h = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .deploy("b", "2026-03-02T10:00:00Z")
                .verify("b", "2026-03-02T11:00:00Z", Result.UNHEALTHY)
                .deploy("c", "2026-03-02T13:00:00Z");

        EnvironmentMetrics m = measure(h);

        assertThat(m.changeFailureRate().fixed()).isEqualTo(1);
        assertThat(m.changeFailureRate().failed()).isEqualTo(1);
        assertThat(m.changeFailureRate().events()).isEqualTo(3);
        assertThat(m.timeToRestore().incidents()).singleElement().satisfies(i -> {
            assertThat(i.cause()).isEqualTo("UNHEALTHY");
            assertThat(i.restoredBy()).isEqualTo("APPLY");
            assertThat(i.seconds()).isEqualTo(2 * HOUR);
        });
    }

    @Test
    void aDeploymentThatRecoveredOnItsOwnWasNotFixed() {
        History h = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .deploy("b", "2026-03-02T10:00:00Z")
                .verify("b", "2026-03-02T10:05:00Z", Result.UNHEALTHY) // still rolling out
                .verify("b", "2026-03-02T10:20:00Z", Result.CLEAN)
                .deploy("c", "2026-03-02T13:00:00Z");

        EnvironmentMetrics m = measure(h);

        assertThat(m.changeFailureRate().failed()).isZero();
        assertThat(m.timeToRestore().events()).isEqualTo(1);
        assertThat(m.timeToRestore().medianSeconds()).isEqualTo(15 * 60);
        assertThat(m.timeToRestore().incidents().get(0).restoredBy()).isEqualTo("VERIFY");
    }

    @Test
    void failuresDuringAnIncidentExtendItUntilTheNextSuccess() {
        History h = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .verify("a", "2026-03-04T10:00:00Z", Result.DRIFT)
                .failedApply("a", "2026-03-04T11:00:00Z")
                .verify("a", "2026-03-04T12:00:00Z", Result.UNHEALTHY)
                .deploy("a", "2026-03-04T13:00:00Z") // re-applying the same commit restores it
                .failedApply("b", "2026-03-06T10:00:00Z")
                .deploy("b", "2026-03-06T10:30:00Z");

        TimeToRestore ttr = measure(h).timeToRestore();

        assertThat(ttr.incidents()).extracting(Incident::cause).containsExactly("DRIFT", "FAILED");
        assertThat(ttr.incidents()).extracting(Incident::seconds).containsExactly(3 * HOUR, 30 * 60L);
        // nearest rank over 30 min and 3 h: the median is the 1st, the 90th percentile the 2nd
        assertThat(ttr.medianSeconds()).isEqualTo(30 * 60L);
        assertThat(ttr.p90Seconds()).isEqualTo(3 * HOUR);
    }

    @Test
    void aFailureNeverRestoredStaysOpenAndOutOfTheMedian() {
        History h = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .failedApply("b", "2026-03-20T10:00:00Z");

        EnvironmentMetrics m = measure(h);

        assertThat(m.timeToRestore().events()).isZero();
        assertThat(m.timeToRestore().open()).isEqualTo(1);
        assertThat(m.timeToRestore().medianSeconds()).isNull();
        assertThat(m.timeToRestore().incidents()).singleElement().satisfies(i -> {
            assertThat(i.restored()).isFalse();
            assertThat(i.commit()).isEqualTo("b");
            assertThat(i.start()).isEqualTo(Instant.parse("2026-03-20T10:00:00Z"));
        });
        assertThat(m.changeFailureRate().failedApplies()).isEqualTo(1);
        assertThat(m.changeFailureRate().rate()).isEqualTo(0.5);
        assertThat(m.daily().get(19).attempts()).isEqualTo(1);
        assertThat(m.daily().get(19).failed()).isEqualTo(1);
        assertThat(m.daily().get(19).incidents()).isEqualTo(1);
    }

    @Test
    void aVerifyOfACommitNotAppliedYetIsPendingWorkNotAnIncident() {
        History h = new History()
                .deploy("a", "2026-03-01T10:00:00Z")
                .verify("b", "2026-03-02T10:00:00Z", Result.DRIFT)
                .verify("b", "2026-03-02T11:00:00Z", Result.UNHEALTHY);

        assertThat(measure(h).timeToRestore().incidents()).isEmpty();
    }

    @Test
    void onlyThePeriodIsCountedButEarlierEntriesAreItsBase() {
        History h = new History()
                .deploy("a", "2026-02-28T23:00:00Z")
                .failedApply("x", "2026-02-28T23:30:00Z") // before: its incident is not in the period
                .deploy("b", "2026-03-01T00:30:00Z", commit("b", "2026-02-28T22:30:00Z"))
                .deploy("c", "2026-04-01T00:00:00Z", commit("c", "2026-03-31T23:00:00Z")); // until is exclusive

        EnvironmentMetrics m = measure(h);

        assertThat(m.entries()).isEqualTo(1);
        assertThat(m.deploymentFrequency().events()).isEqualTo(1);
        assertThat(m.leadTime().medianSeconds()).isEqualTo(2 * HOUR);
        assertThat(m.changeFailureRate().events()).isEqualTo(1);
        assertThat(m.timeToRestore().incidents()).isEmpty();
        assertThat(h.asked).containsExactly("b after [a] on envs/prod");
    }

    @Test
    void eachFigureStatesItsDefinitionAndWhatItCounted() {
        EnvironmentMetrics m = measure(new History().deploy("a", "2026-03-01T10:00:00Z"));

        assertThat(List.of(m.deploymentFrequency().definition(), m.leadTime().definition(),
                m.changeFailureRate().definition(), m.timeToRestore().definition())).allSatisfy(d -> assertThat(d)
                        .hasSizeGreaterThan(40));
        assertThat(m.changeFailureRate().counted()).contains("apply FAILED");
        assertThat(m.timeToRestore().counted()).contains("verify CLEAN of the applied revision");
    }

    @Test
    void aPeriodMustEndAfterItStarts() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        assertThatThrownBy(() -> new MetricsOptions(t, t, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end after it starts");
        assertThat(MetricsOptions.endingAt(t).since()).isEqualTo(Instant.parse("2026-01-30T00:00:00Z"));
    }
}
