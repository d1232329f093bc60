package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.verify.Verifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real corpora through the whole engine against the Kubernetes target on the CRUD mock: plan exactly
 * the rendered resources, apply, verify clean, prune a removed resource. The fake defaults only two fields
 * (a Deployment's progress deadline, a Service port's protocol), so "verify clean" here proves normalization
 * and projection, and a little of server defaulting.
 */
class KubernetesFlowTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(
            KubernetesTargetConfig.builder().namespace("default").inventoryName("corpus").build(),
            api.client());

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        target.close();
        api.close();
    }

    @Test
    void podinfoProductionOverlayAppliesVerifiesAndPrunes() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of("src/test/resources/corpus/podinfo-deploy"), "deploy");
        git.commit("podinfo");
        FlowFixture flow = new FlowFixture(git.dir(), "deploy/overlays/production", target);

        List<Resource> rendered = flow.load("HEAD").desired().resources();
        Plan plan = flow.plan("HEAD");
        assertThat(rendered).hasSize(25);
        assertThat(plan.changes()).extracting(Change::id)
                .containsExactlyInAnyOrderElementsOf(rendered.stream().map(Resource::id).toList());
        assertThat(plan.changes()).extracting(Change::action).containsOnly(Action.CREATE);
        assertThat(plan.changes().get(0).id().kind()).isEqualTo("Namespace");

        ApplyResult result = flow.apply(plan);
        assertThat(result.failures()).isEmpty();
        assertThat(flow.verify("HEAD").drifted()).isEmpty();
        assertThat(target.readInventory().resources()).hasSize(25);

        git.delete("deploy/bases/frontend/cronjob-warm-cache.yaml");
        git.write("deploy/bases/frontend/kustomization.yaml", new String(java.nio.file.Files.readAllBytes(
                git.dir().resolve("deploy/bases/frontend/kustomization.yaml"))).replace("  - cronjob-warm-cache.yaml\n", ""));
        git.commit("drop the warm-cache cron job");
        Plan prune = flow.plan("HEAD");
        List<ResourceId> deletes = prune.changes().stream().filter(c -> c.action() == Action.DELETE)
                .map(Change::id).toList();
        assertThat(deletes).singleElement().satisfies(id -> assertThat(id.kind()).isEqualTo("CronJob"));
        assertThat(flow.apply(prune).succeeded()).isTrue();
        assertThat(target.read(deletes)).isEmpty();
        assertThat(flow.verify("HEAD").drifted()).isEmpty();
    }

    @Test
    void microservicesDemoAppliesAndVerifiesClean() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of("src/test/resources/corpus/microservices-demo"), "shop");
        git.commit("shop");
        FlowFixture flow = new FlowFixture(git.dir(), "shop", target);

        ApplyResult result = flow.applyNow("HEAD");
        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).hasSize(33);
        assertThat(flow.verify("HEAD").inSync()).isTrue();
        // The dry runs of 33 real resources match what is stored: no false differences.
        assertThat(new Verifier(target, Progress.NONE, Clock.systemUTC(), Duration.ofMillis(10), DiffMode.SERVER)
                .verify(flow.load("HEAD"), Duration.ZERO).inSync()).isTrue();
    }
}
