package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
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
 * the rendered resources, apply, verify clean, prune a removed resource, run a hook. The fake defaults the fields
 * Kubernetes defaults on Deployments, pods, containers and Services (see {@link FakeApiServer}), so "verify clean"
 * here proves normalization and projection against those defaults too.
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

    /** A repository holding one corpus of test resources at {@code folder}, planned at {@code path}. */
    private FlowFixture corpus(String corpus, String folder, String path) {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(Path.of("src/test/resources/corpus/" + corpus), folder);
        git.commit(corpus);
        return new FlowFixture(git.dir(), path, target);
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
        FlowFixture flow = corpus("microservices-demo", "shop", "shop");

        ApplyResult result = flow.applyNow("HEAD");
        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).hasSize(33);
        assertThat(flow.verify("HEAD").inSync()).isTrue();
        // The dry runs of 33 real resources match what is stored: no false differences.
        assertThat(new Verifier(target, Progress.NONE, Clock.systemUTC(), Duration.ofMillis(10), DiffMode.SERVER)
                .verify(flow.load("HEAD"), Duration.ZERO).inSync()).isTrue();
    }

    /**
     * Argo CD's helm-hooks example: the generateName Job is created by a POST on every apply, the server picks its
     * name, and nothing of it is owned, compared or pruned.
     */
    @Test
    void everyApplyCreatesTheHookAnewUnderAServerPickedNameAndOwnsNoneOfThem() {
        FlowFixture flow = corpus("argocd-example-apps/helm-hooks", "helm-hooks", "helm-hooks");

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
