package io.jenkins.plugins.gitops.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 3: a desired state that renders no resources (here every manifest commented out, as when a
 * folder's content moved elsewhere) must not prune what the target holds, unless the user says so.
 */
class EmptyDesiredStateTest {
    private static final String TWO = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: one
              namespace: shop
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: two
              namespace: shop
            """;

    @TempDir
    Path tmp;

    @Test
    void directoryTarget() {
        Path dir = tmp.resolve("target");
        // The resource files; the lock's own bookkeeping under .gitops/ is not what the guard protects.
        guardHolds(() -> new DirectoryTarget(dir), () -> new TreeMap<>(FlowFixture.snapshot(dir).entrySet().stream()
                .filter(e -> !e.getKey().startsWith(".gitops"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    @Test
    void kubernetesTarget() {
        try (FakeApiServer api = new FakeApiServer()) {
            KubernetesTarget target = new KubernetesTarget(KubernetesTargetConfig.builder().namespace("default")
                    .inventoryName("shop").build(), api.client());
            guardHolds(() -> target, () -> Map.of("live", String.valueOf(target.read(
                    target.readInventory().resources().stream().toList()).keySet())));
        }
    }

    private void guardHolds(Supplier<Target> targets, Supplier<Map<String, String>> state) {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/app.yaml", TWO);
        git.commit("two config maps");
        Target target = targets.get();
        FlowFixture flow = new FlowFixture(git.dir(), "env", target);
        assertThat(flow.applyNow("HEAD").succeeded()).isTrue();
        Map<String, String> before = state.get();
        assertThat(before.toString()).contains("one", "two");

        git.write("env/app.yaml", "# moved to the shop repository\n");
        String empty = git.commit("empty the environment");

        assertThatThrownBy(() -> flow.plan("HEAD")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("path 'env' at commit " + empty.substring(0, 7) + " renders no resources")
                .hasMessageContaining("delete all 2 resource(s)")
                .satisfies(e -> assertThat(((GitopsException) e).remedy()).contains(Remedy.of(Remedy.Kind.ALLOW_EMPTY)));
        assertThatThrownBy(() -> flow.applyNow("HEAD")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("renders no resources");
        assertThat(state.get()).isEqualTo(before);

        // A plan made with --allow-empty is still refused by an apply that does not allow it.
        Plan deleteAll = new Planner(target, Progress.NONE, Clock.systemUTC()).plan(flow.load("HEAD"),
                Pruning.ALLOW_EMPTY);
        assertThat(deleteAll.changes()).extracting(Change::action).containsOnly(Action.DELETE).hasSize(2);
        Applier applier = new Applier(target, Progress.NONE, Clock.systemUTC());
        assertThatThrownBy(() -> applier.apply(deleteAll, flow.load("HEAD"), FlowFixture.options()))
                .hasMessageContaining("renders no resources");
        assertThat(state.get()).isEqualTo(before);

        assertThat(applier.apply(deleteAll, flow.load("HEAD"), FlowFixture.options().withAllowEmpty(true))
                .succeeded()).isTrue();
        assertThat(state.get().toString()).doesNotContain("one", "two");
    }
}
