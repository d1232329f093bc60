package io.jenkins.plugins.gitops.engine.flow;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Revision.Event;
import io.jenkins.plugins.gitops.engine.targets.Revision.Result;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.verify.VerifyRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the history records for the metrics: verify results, failed applies, rollbacks, plan times. */
class HistoryRecordingTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    /** The settings ConfigMap, its color formatted in. */
    static final String CONFIG_MAP = configMap("settings", "color", "%s");

    @TempDir
    Path tmp;
    GitRepoFixture git;
    DirectoryTarget target;
    FlowFixture flow;
    String blue;
    final List<String> warnings = new ArrayList<>();
    final Progress progress = new Progress() {
        @Override
        public void update(String phase, int done, int total) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    @BeforeEach
    void setUp() {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        blue = git.write("envs/prod/app.yaml", CONFIG_MAP.formatted("blue")).commit("blue");
        target = new DirectoryTarget(tmp.resolve("target"));
        flow = new FlowFixture(git.dir(), "envs/prod", target);
    }

    private Optional<Revision> recordVerify() {
        return new VerifyRecorder(target, Clock.fixed(NOW, ZoneOffset.UTC), progress)
                .record(flow.verify("HEAD"), "nightly", "https://ci/job/9/", Inventory.DEFAULT_HISTORY_LIMIT);
    }

    private Revision last() {
        List<Revision> history = target.readInventory().history();
        return history.get(history.size() - 1);
    }

    @Test
    void aVerifyIsRecordedCleanOrDriftedWithWhatDrifted() throws Exception {
        flow.applyNow("HEAD");

        assertThat(recordVerify()).hasValueSatisfying(r -> {
            assertThat(r.event()).isEqualTo(Event.VERIFY);
            assertThat(r.result()).isEqualTo(Result.CLEAN);
            assertThat(r.commit()).isEqualTo(blue);
            assertThat(r.appliedAt()).isEqualTo(NOW);
            assertThat(r.user()).isEqualTo("nightly");
            assertThat(r.buildUrl()).isEqualTo("https://ci/job/9/");
            assertThat(r.changed()).isZero();
            assertThat(r.resources()).isEqualTo(1);
        });
        assertThat(last().result()).isEqualTo(Result.CLEAN);

        Path file = tmp.resolve("target/_core/ConfigMap/shop/settings.yaml");
        Files.writeString(file, Files.readString(file).replace("blue", "red"));
        assertThat(recordVerify()).map(Revision::result).contains(Result.DRIFT);
        assertThat(last().changed()).isEqualTo(1);
        assertThat(target.readInventory().history()).extracting(Revision::event)
                .containsExactly(Event.APPLY, Event.VERIFY, Event.VERIFY);
        assertThat(target.readInventory().current()).map(Revision::event).contains(Event.APPLY);
        assertThat(warnings).isEmpty();
    }

    private Applier applier(Target on) {
        return new Applier(on, progress, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anApplyRecordsWhatItChangedAndWhenItsPlanWasMade() {
        Plan plan = flow.plan("HEAD");
        ApplyResult result = applier(target).apply(plan, flow.load(blue), FlowFixture.options());

        assertThat(result.revision()).isEqualTo(last());
        assertThat(last().result()).isEqualTo(Result.SUCCEEDED);
        assertThat(last().plannedAt()).isEqualTo(plan.createdAt());
        assertThat(last().appliedAt()).isEqualTo(NOW);
        assertThat(last().changed()).isEqualTo(1);
        assertThat(last().rollback()).isFalse();
        assertThat(last().deployed()).isTrue();

        // Nothing to do and nothing new: no entry, so repeated runs do not crowd out the history.
        assertThat(applier(target).planAndApply(flow.load("HEAD"), true, FlowFixture.options()).revision()).isNull();
        assertThat(target.readInventory().history()).hasSize(1);
    }

    @Test
    void reApplyingTheSameCommitToUndoDriftIsRecordedAsAChange() throws Exception {
        flow.applyNow("HEAD");
        Path file = tmp.resolve("target/_core/ConfigMap/shop/settings.yaml");
        Files.writeString(file, Files.readString(file).replace("blue", "red"));

        applier(target).planAndApply(flow.load("HEAD"), true, FlowFixture.options());

        assertThat(target.readInventory().history()).extracting(Revision::commit).containsExactly(blue, blue);
        assertThat(last().changed()).isEqualTo(1);
        assertThat(last().rollback()).as("the same commit again is no rollback").isFalse();
    }

    @Test
    void aFailedApplyIsRecordedWithItsErrorClassAndLeavesTheAppliedRevision() {
        flow.applyNow("HEAD");
        String red = git.write("envs/prod/app.yaml", CONFIG_MAP.formatted("red")).commit("red");
        Target refusing = new FailingTarget(target, id -> true) {
            @Override
            public LiveObject apply(Resource resource) {
                throw new TargetException("conflict on " + resource.id(), Remedy.of(Remedy.Kind.FORCE_CONFLICTS));
            }
        };

        ApplyResult result = applier(refusing).planAndApply(flow.load("HEAD"), true, FlowFixture.options());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.revision()).as("no revision was applied").isNull();
        assertThat(last().commit()).isEqualTo(red);
        assertThat(last().result()).isEqualTo(Result.FAILED);
        assertThat(last().errorClass()).isEqualTo("field-conflict");
        assertThat(last().changed()).isZero();
        assertThat(target.readInventory().current()).map(Revision::commit).contains(blue);

        new FlowFixture(git.dir(), "envs/prod", new FailingTarget(target, id -> true)).applyNow("HEAD");
        assertThat(last().errorClass()).as("a refusal the engine knows no remedy for").isEqualTo("resource");
    }

    @Test
    void anApplyOfACommitAppliedBeforeIsARollback() {
        flow.applyNow("HEAD");
        String red = git.write("envs/prod/app.yaml", CONFIG_MAP.formatted("red")).commit("red");
        flow.applyNow(red);

        flow.applyNow(blue);

        assertThat(target.readInventory().history()).extracting(Revision::commit).containsExactly(blue, red, blue);
        assertThat(target.readInventory().history()).extracting(Revision::rollback).containsExactly(false, false, true);
    }

    @Test
    void aVerifyDuringAnApplyIsNotRecordedAndSaysWhy() {
        flow.applyNow("HEAD");
        Inventory before = target.readInventory();

        try (TargetLock running = target.lock("deployer@ci", Duration.ofMinutes(5))) {
            assertThat(recordVerify()).isEmpty();
        }

        assertThat(target.readInventory()).isEqualTo(before);
        assertThat(warnings).singleElement().asString().contains("not recorded").contains("deployer@ci");
    }
}
