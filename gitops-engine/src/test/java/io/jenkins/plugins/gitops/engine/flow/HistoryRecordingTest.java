package io.jenkins.plugins.gitops.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Revision.Event;
import io.jenkins.plugins.gitops.engine.targets.Revision.Result;
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
    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              color: %s
            """;

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
