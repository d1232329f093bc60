package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.apply.StalePlanException;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.6: read-only operations write nothing into the target. A plan, and an apply that is refused, leave
 * every file and folder as it was (no {@code .gitops/version.key}, no {@code lock.guard}), and the refusal
 * names only what really changed. The target is a folder of resource files that no gitops apply wrote yet.
 */
class ReadOnlyOperationsTest {
    static final String ENV = "env";

    @TempDir
    Path tmp;
    Path dir;
    String c1;

    @BeforeEach
    void handMadeTarget() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/cms.yaml", configMap("a", "v", "new") + "---\n" + configMap("b", "v", "new"));
        c1 = git.commit("two");
        git.close();
        dir = tmp.resolve("target");
        Files.createDirectories(dir.resolve("_core/ConfigMap/shop"));
        Files.writeString(dir.resolve("_core/ConfigMap/shop/a.yaml"), configMap("a", "v", "old"));
        Files.writeString(dir.resolve("_core/ConfigMap/shop/b.yaml"), configMap("b", "v", "old"));
    }

    @Test
    void planWritesNothing() {
        Map<String, String> before = FlowFixture.snapshot(dir);
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, new DirectoryTarget(dir));

        Plan plan = flow.plan(c1);
        flow.plan(c1);

        assertThat(plan.summary().update()).isEqualTo(2);
        assertThat(FlowFixture.snapshot(dir)).isEqualTo(before);
        assertThat(dir.resolve(".gitops")).doesNotExist();
    }

    @Test
    void refusedApplyWritesNothingAndNamesOnlyWhatChanged() throws IOException {
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, new DirectoryTarget(dir));
        Plan plan = flow.plan(c1);
        Files.writeString(dir.resolve("_core/ConfigMap/shop/a.yaml"), configMap("a", "v", "edited by hand since"));
        Map<String, String> before = FlowFixture.snapshot(dir);

        assertThatThrownBy(() -> flow.apply(plan)).isInstanceOf(StalePlanException.class)
                .hasMessageContaining("1 live resource(s) changed").hasMessageContaining("a (changed since)")
                .hasMessageNotContaining("shop/b");

        assertThat(FlowFixture.snapshot(dir)).isEqualTo(before);
        assertThat(dir.resolve(".gitops")).doesNotExist();
    }

    @Test
    void theUnchangedPlanStillApplies() {
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, new DirectoryTarget(dir));
        Plan plan = flow.plan(c1);

        assertThat(flow.apply(plan).succeeded()).isTrue();
        assertThat(flow.verify(c1).inSync()).isTrue();
    }
}
