package io.jenkins.plugins.gitops.engine.targets.git;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.directory.StoredRecordsFormatTest;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git branch target's {@code .gitops/inventory.json} follows the stored-format policy as the directory target's
 * does: the record written before the policy and one with a newer version's fields read value for value, one of a
 * higher format is refused as written by a newer version.
 */
class StoredInventoryFormatTest {
    static final String BRANCH = "env/prod";

    @TempDir
    Path tmp;
    BareRemote remote;
    GitRepoFixture source;

    @BeforeEach
    void branchWithAnApply() {
        source = GitRepoFixture.init(tmp.resolve("source"));
        source.write("envs/prod/app.yaml", configMap("settings", "color", "blue"));
        String commit = source.commit("one");
        remote = BareRemote.create(tmp.resolve("deploy.git"));
        try (GitBranchTarget target = open()) {
            new FlowFixture(source.dir(), "envs/prod", target).applyNow(commit);
        }
    }

    GitBranchTarget open() {
        return GitBranchTarget.open(GitBranchSpec.parse("git:" + remote.fileUrl() + "#" + BRANCH),
                GitBranchTargetTest.applying(source.dir().toString()));
    }

    void commitInventory(String fixture) throws IOException {
        String content;
        try (InputStream in = getClass().getResourceAsStream("/formats/" + fixture)) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        remote.commitByHand(BRANCH, "someone", ".gitops/inventory.json", content, tmp.resolve("work-" + fixture.hashCode()));
    }

    @Test
    void readsTheInventoryWrittenBeforeThePolicyAndOneWithFieldsOfANewerVersion() throws IOException {
        for (String fixture : new String[] {"v1-events/inventory.json", "newer/extra-fields/inventory.json"}) {
            commitInventory(fixture);
            try (GitBranchTarget target = open()) {
                StoredRecordsFormatTest.assertIsTheV1EventsInventory(target.readInventory());
            }
        }
    }

    /** Issue 26, points 6 and 7: read whole, it would be "not a valid inventory" or JGit's LargeObjectException. */
    @Test
    void refusesAnInventoryOverTheSizeOfAnyRecordBeforeReadingIt() {
        remote.commitByHand(BRANCH, "someone", ".gitops/inventory.json", "\"" + "a".repeat(65 << 20) + "\"",
                tmp.resolve("work-huge"));

        try (GitBranchTarget target = open()) {
            assertThatThrownBy(target::readInventory).isInstanceOf(TargetException.class)
                    .hasMessageStartingWith(BRANCH + ":.gitops/inventory.json on ")
                    .hasMessageContaining(" is 65 MiB, larger than any inventory record gitops writes (at most 64 MiB);"
                            + " fix it with a commit on the branch, or revert the commit that broke it");
        }
    }

    @Test
    void refusesAnInventoryOfANewerFormatAsSuch() throws IOException {
        commitInventory("newer/format-2/inventory.json");

        try (GitBranchTarget target = open()) {
            assertThatThrownBy(target::readInventory).isInstanceOfSatisfying(TargetException.class, e -> {
                assertThat(e).hasMessageStartingWith("the inventory " + BRANCH + ":.gitops/inventory.json on ")
                        .hasMessageEndingWith(" was written by a newer version of gitops-pipeline (format 2; this"
                                + " version reads format 1 and older)");
                assertThat(e.remedy()).contains(Remedy.of(Remedy.Kind.UPGRADE));
            });
        }
    }
}
