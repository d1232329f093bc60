package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One object, one id: namespaces defaulted or stray, kinds whose CRD comes in the same apply. */
class KubernetesIdsTest {
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app%s
            data: {color: blue}
            """;
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(
            KubernetesTargetTest.config().toBuilder().waitTimeout(Duration.ofSeconds(20)).build(), api.client());
    private GitRepoFixture git;
    private FlowFixture flow;

    @TempDir
    Path tmp;

    @BeforeEach
    void repo() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        flow = new FlowFixture(git.dir(), "env", target);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void namingTheDefaultNamespaceLaterIsTheSameObject() throws Exception {
        git.write("env/app.yaml", CONFIG_MAP.formatted(""));
        git.commit("no namespace");
        assertThat(flow.applyNow("HEAD").succeeded()).isTrue();
        ResourceId app = new ResourceId("", "ConfigMap", "shop", "app");
        assertThat(target.readInventory().resources()).containsExactly(app);

        git.write("env/app.yaml", CONFIG_MAP.formatted("\n  namespace: shop"));
        git.commit("explicit namespace");
        Plan plan = flow.plan("HEAD");
        assertThat(plan.changes()).extracting(Change::id, Change::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(app, Action.NOOP));
        assertThat(flow.apply(plan).succeeded()).isTrue();
        assertThat(target.read(List.of(app))).containsKey(app);
    }

    @Test
    void inventoryWrittenWithoutNamespaceIsReadAsTheDefaultNamespace() throws Exception {
        ResourceId bare = new ResourceId("", "ConfigMap", "", "app");
        git.write("env/app.yaml", CONFIG_MAP.formatted(""));
        git.commit("app");
        flow.applyNow("HEAD");
        // An inventory as an older version wrote it, with the id as the manifest named it.
        target.writeInventory(new io.jenkins.plugins.gitops.engine.targets.Inventory(
                new java.util.TreeSet<>(List.of(bare)), target.readInventory().history()));
        git.write("env/app.yaml", CONFIG_MAP.formatted("\n  namespace: shop"));
        git.commit("explicit");

        assertThat(flow.plan("HEAD").changes()).extracting(Change::action).containsExactly(Action.NOOP);
    }

    @Test
    void objectAppliedAtANonPreferredVersionIsComparedAtThatVersion() throws Exception {
        // The fake server prefers autoscaling/v2; this manifest is v1 (the mock stores each version apart, so
        // reading at the preferred version would not even find it: the plan would create it again and again).
        git.write("env/hpa.yaml", """
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 1
                  maxReplicas: 3
                  targetCPUUtilizationPercentage: 80
                """);
        git.commit("v1 hpa");
        assertThat(flow.applyNow("HEAD").succeeded()).isTrue();
        assertThat(flow.plan("HEAD").changes()).extracting(Change::action).containsExactly(Action.NOOP);
    }

    @Test
    void twoManifestsForOneObjectAreRefused() throws Exception {
        git.write("env/a.yaml", CONFIG_MAP.formatted(""));
        git.write("env/b.yaml", CONFIG_MAP.formatted("\n  namespace: shop"));
        git.commit("twice");
        assertThatThrownBy(() -> flow.plan("HEAD")).isInstanceOf(InvalidDesiredStateException.class)
                .hasMessageContaining("env/b.yaml:1").hasMessageContaining("already declared at env/a.yaml:1");
    }

    @Test
    void strayNamespaceOnAClusterScopedObjectIsIgnored() throws Exception {
        git.write("env/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  namespace: shop\n");
        git.commit("stray");
        Plan plan = flow.plan("HEAD");
        assertThat(plan.changes()).extracting(Change::id).containsExactly(new ResourceId("", "Namespace", "", "team"));
    }

    @Test
    void kindOfACrdInTheSameDesiredStatePlansAndApplies() throws Exception {
        git.write("env/crd.yaml", WidgetCrd.MANIFEST);
        git.write("env/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n");
        git.commit("crd and widget");

        Plan plan = flow.plan("HEAD");
        assertThat(plan.changes()).extracting(c -> c.id().kind() + ":" + c.action())
                .containsExactly("CustomResourceDefinition:CREATE", "Widget:CREATE");
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> WidgetCrd.establishWhenCreated(api));
        assertThat(flow.apply(plan).succeeded()).isTrue();
        controller.join();
        ResourceId widget = new ResourceId("example.com", "Widget", "shop", "w");
        assertThat(target.read(List.of(widget))).containsKey(widget);
        assertThat(target.readInventory().resources()).contains(widget);
        assertThat(flow.verify("HEAD").inSync()).isTrue();
    }

    @Test
    void kindNobodyServesOrDefinesFailsThePlanAtItsLine() throws Exception {
        git.write("env/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        git.commit("widget without its CRD");
        assertThatThrownBy(() -> flow.plan("HEAD")).isInstanceOf(InvalidDesiredStateException.class)
                .hasMessageContaining("env/widget.yaml:1").hasMessageContaining("kind Widget in group example.com")
                .hasMessageContaining("install its CRD");
    }

    @Test
    void applyWhoseInventoryWouldOverflowIsRefusedBeforeAnyWrite() throws Exception {
        java.util.TreeSet<ResourceId> owned = new java.util.TreeSet<>();
        for (int i = 0; owned.size() < 100_000; i++) {
            owned.add(new ResourceId("", "ConfigMap", "far-away", "owned-config-map-with-a-long-name-" + i));
            if (i % 1000 == 0 && overflows(owned)) {
                owned.remove(owned.last());
                break;
            }
        }
        while (overflows(owned)) {
            owned.remove(owned.last());
        }
        target.writeInventory(new io.jenkins.plugins.gitops.engine.targets.Inventory(owned, List.of()));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append(CONFIG_MAP.formatted("-" + i + "-with-a-long-enough-name-to-matter")).append("---\n");
        }
        git.write("env/many.yaml", many.toString());
        git.commit("forty more");

        assertThatThrownBy(() -> flow.applyNow("HEAD")).hasMessageContaining("split");
        assertThat(api.client().configMaps().inNamespace("shop").list().getItems()).isEmpty();
    }

    private static boolean overflows(java.util.SortedSet<ResourceId> owned) {
        try {
            InventoryConfigMapCodec.encode(new io.jenkins.plugins.gitops.engine.targets.Inventory(owned, List.of()), "x");
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

}
