package io.jenkins.plugins.gitops.engine.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.testing.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A target that fails at its k-th write (apply or delete), for every k of a plan with creates, updates and
 * deletes in several waves, sequentially and in parallel: nothing is pruned once anything failed, the
 * inventory covers every resource we wrote, the history is unchanged, and a re-run converges.
 */
class FaultInjectionTest {
    static final String ENV = "envs/prod";
    /** 3 creates, 3 updates and 3 deletes: 9 writes. */
    static final int WRITES = 9;

    @TempDir
    static Path tmp;
    static Path repo;
    static Path template;
    static String c2;

    static String cm(String name, String value, int wave) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: shop\n"
                + (wave == 0 ? "" : "  annotations:\n    gitops.jenkins.io/wave: \"" + wave + "\"\n")
                + "data:\n  v: \"" + value + "\"\n";
    }

    static String doc(String kind, String apiVersion, String name, String spec) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name
                + "\n  namespace: shop\n" + spec;
    }

    @BeforeAll
    static void applyFirstCommit() {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        git.write(ENV + "/keep.yaml", cm("keep", "1", 0));
        git.write(ENV + "/upd.yaml", cm("upd-a", "1", 0) + "---\n" + cm("upd-b", "1", 2) + "---\n"
                + doc("Deployment", "apps/v1", "web", "spec:\n  replicas: 1\n"));
        git.write(ENV + "/del.yaml", cm("del-a", "1", 0) + "---\n"
                + doc("Secret", "v1", "del-s", "stringData:\n  pw: x\n") + "---\n"
                + doc("Service", "v1", "del-svc", "spec:\n  ports: [{port: 80}]\n"));
        git.commit("first");
        repo = git.dir();
        template = tmp.resolve("template");
        assertThat(new FlowFixture(repo, ENV, new DirectoryTarget(template)).applyNow("HEAD").succeeded()).isTrue();

        git.write(ENV + "/upd.yaml", cm("upd-a", "2", 0) + "---\n" + cm("upd-b", "2", 2) + "---\n"
                + doc("Deployment", "apps/v1", "web", "spec:\n  replicas: 3\n"));
        git.delete(ENV + "/del.yaml");
        git.write(ENV + "/new.yaml", cm("new-a", "1", 0) + "---\n" + cm("new-b", "1", 3) + "---\n"
                + doc("ServiceAccount", "v1", "new-sa", ""));
        c2 = git.commit("second");
        git.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(1, 4).flatMap(parallelism -> IntStream.rangeClosed(1, WRITES)
                .mapToObj(k -> Arguments.of(k, parallelism)));
    }

    @ParameterizedTest(name = "fail at write {0} with parallelism {1}")
    @MethodSource("faults")
    void failureAtEveryWriteKeepsTargetConsistentAndReRunConverges(int k, int parallelism) throws IOException {
        Path dir = tmp.resolve("target-" + k + "-" + parallelism);
        Trees.replace(template, dir);
        DirectoryTarget target = new DirectoryTarget(dir);
        Inventory before = target.readInventory();
        Set<ResourceId> beforeStored = target.stored();

        AtomicInteger writes = new AtomicInteger();
        FailingTarget failing = new FailingTarget(target, id -> writes.incrementAndGet() == k);
        FlowFixture flow = new FlowFixture(repo, ENV, failing);
        Plan plan = flow.plan(c2);
        assertThat(plan.summary().create()).isEqualTo(3);
        assertThat(plan.summary().update()).isEqualTo(3);
        assertThat(plan.summary().delete()).isEqualTo(3);
        Set<ResourceId> deletes = plan.changes().stream().filter(c -> c.action() == Action.DELETE)
                .map(Change::id).collect(Collectors.toSet());

        ApplyResult result = new io.jenkins.plugins.gitops.engine.apply.Applier(failing,
                io.jenkins.plugins.gitops.engine.Progress.NONE, java.time.Clock.systemUTC())
                .apply(plan, flow.load(c2), FlowFixture.options().withParallelism(parallelism));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).hasSize(1);
        ResourceId failed = result.failures().get(0).id();
        boolean failedBeforePrune = !deletes.contains(failed);
        Set<ResourceId> stored = target.stored();
        if (failedBeforePrune) {
            assertThat(stored).as("nothing pruned after a failed apply").containsAll(deletes);
            assertThat(result.outcomes()).filteredOn(o -> deletes.contains(o.id())).extracting(Outcome::status)
                    .containsOnly(Outcome.Status.SKIPPED);
        } else {
            assertThat(stored).contains(failed);
        }
        Inventory after = target.readInventory();
        // A failed apply adds only the record of its failure; the revision applied stays the one before.
        assertThat(after.history().subList(0, before.history().size())).as("history unchanged by a failed apply")
                .isEqualTo(before.history());
        assertThat(after.history()).hasSize(before.history().size() + 1);
        assertThat(after.history().get(before.history().size()).result()).isEqualTo(Revision.Result.FAILED);
        assertThat(after.current()).isEqualTo(before.current());
        assertThat(after.resources()).as("inventory covers every resource we wrote").containsAll(stored);
        assertThat(after.resources()).as("only what exists or is still to prune")
                .isSubsetOf(union(stored, beforeStored));
        for (Outcome o : result.outcomes()) {
            if (o.status() == Outcome.Status.DONE && o.action() != Action.DELETE) {
                assertThat(stored).contains(o.id());
            }
        }

        FlowFixture clean = new FlowFixture(repo, ENV, target);
        assertThat(clean.applyNow(c2).succeeded()).isTrue();
        assertThat(clean.verify(c2).inSync()).isTrue();
        assertThat(target.readInventory().resources()).isEqualTo(target.stored())
                .isEqualTo(clean.load(c2).desired().byId().keySet().stream().collect(Collectors.toSet()));
        assertThat(target.readInventory().history()).hasSize(before.history().size() + 2); // the failure, the re-run
        assertThat(target.stored()).doesNotContainAnyElementsOf(deletes);
    }

    private static Set<ResourceId> union(Set<ResourceId> a, Set<ResourceId> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }


}
