package io.jenkins.plugins.gitops.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart's hooks planned and applied in Helm's order: pre hooks by weight, the release, post hooks. */
class HelmHooksFlowTest {
    @TempDir
    Path tmp;

    @Test
    void preHooksByWeightThenTheReleaseThenPostHooks() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of(HelmHooksFlowTest.class.getResource("/charts/hooks-demo").toURI()), "env/app");
        git.write("env/.gitops.yaml", "helm:\n  releaseName: rel\n  namespace: shop\n");
        git.commit("chart with hooks");
        FlowFixture flow = new FlowFixture(git.dir(), "env", new DirectoryTarget(tmp.resolve("target")));

        Plan plan = flow.plan("HEAD");

        assertThat(plan.changes()).extracting(Change::id).extracting(ResourceId::name).containsExactly(
                "rel-sub-bootstrap", // pre-install, weight -10
                "rel-migrator", // pre-install, weight -5
                "rel-migrate", // pre-install, weight 5
                "rel-sub", "rel-settings", // the release, in id order
                "rel-notify", // post-install, weight 0
                "rel-seed-*"); // post-install, weight 3, run once: generateName
        assertThat(plan.changes()).extracting(Change::id).extracting(ResourceId::name).doesNotContain("rel-test");
        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.RUN).extracting(Change::id)
                .containsExactly(ResourceId.generated("batch", "Job", "", "rel-seed-"));
        ApplyResult result = flow.apply(plan);
        assertThat(result.outcomes()).extracting(Outcome::id).extracting(ResourceId::name)
                .containsExactlyElementsOf(plan.changes().stream().map(c -> c.id().name()).toList());
    }
}
