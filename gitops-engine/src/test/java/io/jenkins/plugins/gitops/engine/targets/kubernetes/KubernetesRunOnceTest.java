package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's helm-hooks example on the Kubernetes target: the generateName Job is created by a POST on every apply,
 * the server picks its name, and nothing of it is owned, compared or pruned.
 */
class KubernetesRunOnceTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(
            KubernetesTargetConfig.builder().namespace("default").inventoryName("hooks").build(), api.client());

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        target.close();
        api.close();
    }

    @Test
    void everyApplyCreatesTheHookAnewUnderAServerPickedNameAndOwnsNoneOfThem() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of("src/test/resources/corpus/argocd-example-apps/helm-hooks"), "helm-hooks");
        git.commit("helm-hooks");
        FlowFixture flow = new FlowFixture(git.dir(), "helm-hooks", target);

        ApplyResult first = flow.apply(flow.plan("HEAD"));

        assertThat(first.succeeded()).isTrue();
        Outcome run = first.outcomes().get(0);
        assertThat(run.action()).isEqualTo(Action.RUN);
        assertThat(run.createdAs()).startsWith("upgrade-sql-schema").isNotEqualTo("upgrade-sql-schema");
        assertThat(ApplyText.render(first)).contains("ran Job.batch/default/upgrade-sql-schema* as " + run.createdAs())
                .contains("Apply complete: 4 created, 0 updated, 0 deleted, 0 unchanged, 1 hook(s) run.\n");
        assertThat(api.requests()).filteredOn(r -> r.method().equals("POST"))
                .anyMatch(r -> r.path().startsWith("/apis/batch/v1/namespaces/default/jobs"));
        assertThat(target.readInventory().resources()).hasSize(4).noneMatch(ResourceId::hasGeneratedName);

        Plan second = flow.plan("HEAD");
        assertThat(second.changes()).extracting(Change::action).containsOnly(Action.RUN, Action.NOOP);
        assertThat(flow.verify("HEAD").inSync()).isTrue();
        ApplyResult again = flow.apply(second);
        assertThat(again.succeeded()).isTrue();
        String secondName = again.outcomes().get(0).createdAs();

        List<String> jobs = api.client().batch().v1().jobs().inNamespace("default").list().getItems().stream()
                .map(HasMetadata::getMetadata).map(m -> m.getName()).toList();
        assertThat(jobs).contains(run.createdAs(), secondName, "maint-page-up", "maint-page-down").hasSize(4);
        assertThat(secondName).isNotEqualTo(run.createdAs());
        assertThat(target.readInventory().resources()).hasSize(4);
    }
}
