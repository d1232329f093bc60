package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import java.time.Clock;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live state is read by paginated LIST per (kind, namespace), with GET for the few and where LIST is forbidden,
 * and the result is the same as one GET per object on the same cluster state. Counts come from the fake server.
 */
class LiveReadsTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget byList = new KubernetesTarget(KubernetesTargetTest.config(), api.client());
    private final KubernetesTarget byGet = new KubernetesTarget(KubernetesTargetTest.config(), api.client(),
            ReadMode.GET);

    @AfterEach
    void stop() {
        byList.close();
        byGet.close();
        api.close();
    }

    private static Resource configMap(String ns, String name, String team) {
        return configMap(ns, name, team, name);
    }

    private static Resource configMap(String ns, String name, String team, String value) {
        return Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\n  labels:\n    team: " + team + "\n    tier: web\ndata:\n  key: " + value + "\n");
    }

    private static List<Resource> configMaps(String ns, int count) {
        return IntStream.range(0, count).mapToObj(i -> configMap(ns, "cm-" + i, ns)).toList();
    }

    private List<FakeApiServer.Seen> objectGets() {
        return api.requests().stream().filter(r -> r.method().equals("GET") && !r.isList()
                && r.path().matches("/api/v1/namespaces/[^/]+/configmaps/[^/?]+.*")).toList();
    }

    private List<FakeApiServer.Seen> lists(String collection) {
        return api.requests().stream().filter(r -> r.isList() && r.path().startsWith(collection + "?")).toList();
    }

    @Test
    void oneListPerKindAndNamespaceInsteadOfAGetPerObject() {
        List<Resource> desired = new ArrayList<>(configMaps("shop", 30));
        desired.addAll(configMaps("web", 25));
        desired.stream().filter(r -> !r.id().name().endsWith("7")).forEach(byList::apply); // some absent
        byList.readDesired(desired.subList(0, 1)); // discovery, out of the count
        api.forgetRequests();

        Map<ResourceId, LiveObject> live = byList.readDesired(desired);

        assertThat(live).hasSize(desired.size() - 5);
        assertThat(objectGets()).isEmpty();
        assertThat(lists("/api/v1/namespaces/shop/configmaps")).singleElement()
                .satisfies(r -> assertThat(r.path()).doesNotContain("labelSelector"));
        assertThat(lists("/api/v1/namespaces/web/configmaps")).hasSize(1);
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void aKindInManyNamespacesIsListedOnceNarrowedByItsLabelsAndWhatThatMissesIsAskedPerNamespace() {
        List<Resource> desired = new ArrayList<>();
        for (String ns : List.of("a", "b", "c", "d")) {
            desired.addAll(configMaps(ns, 8));
        }
        desired.stream().filter(r -> !(r.id().namespace().equals("b") && r.id().name().compareTo("cm-3") < 0))
                .forEach(byList::apply);
        api.client().configMaps().inNamespace("a").withName("cm-5")
                .edit(cm -> { cm.getMetadata().getLabels().remove("tier"); return cm; });
        api.forgetRequests();

        Map<ResourceId, LiveObject> live = byList.readDesired(desired);

        assertThat(live).hasSize(32 - 3).isEqualTo(byGet.readDesired(desired));
        assertThat(live).containsKey(new ResourceId("", "ConfigMap", "a", "cm-5"));
        api.forgetRequests();
        byList.readDesired(desired);
        assertThat(lists("/api/v1/configmaps")).singleElement()
                .satisfies(r -> assertThat(r.path()).contains("labelSelector=tier%3Dweb"));
        assertThat(objectGets()).extracting(r -> r.path().replaceAll("\\?.*", ""))
                .containsExactly("/api/v1/namespaces/a/configmaps/cm-5");
        assertThat(lists("/api/v1/namespaces/b/configmaps")).hasSize(1);
        assertThat(api.requests()).hasSize(3);
    }

    @Test
    void objectsMissingAllOverAreSettledByOneListAcrossNamespacesRatherThanARequestPerNamespace() {
        List<Resource> desired = new ArrayList<>();
        for (int ns = 0; ns < LiveReader.FOLLOW_UPS + 2; ns++) {
            desired.addAll(configMaps("ns-" + ns, 6));
        }
        desired.stream().filter(r -> !r.id().name().equals("cm-4")).forEach(byList::apply); // one gone in each
        api.forgetRequests();

        Map<ResourceId, LiveObject> live = byList.readDesired(desired);

        assertThat(live).hasSize(desired.size() - LiveReader.FOLLOW_UPS - 2).isEqualTo(byGet.readDesired(desired));
        api.forgetRequests();
        byList.readDesired(desired);
        assertThat(lists("/api/v1/configmaps")).extracting(FakeApiServer.Seen::path).satisfiesExactly(
                narrowed -> assertThat(narrowed).contains("labelSelector=tier%3Dweb"),
                complete -> assertThat(complete).doesNotContain("labelSelector"));
        assertThat(objectGets()).isEmpty();
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void anApplyChecksItsPlanAgainstTheClusterByTheSameNarrowedListsAsThePlanRead() {
        List<Resource> before = new ArrayList<>();
        List<Resource> after = new ArrayList<>();
        for (String ns : List.of("a", "b", "c", "d")) {
            before.addAll(configMaps(ns, 8));
            IntStream.range(0, 8).forEach(i -> after.add(configMap(ns, "cm-" + i, ns, "changed")));
        }
        before.forEach(byList::apply);
        Environment env = new Environment("shop", "0000000", "", DesiredState.of(after), List.of());
        Plan plan = new Planner(byList, Progress.NONE, Clock.systemUTC()).plan(env, Pruning.OFF);
        api.forgetRequests();

        ApplyResult result = new Applier(byList, Progress.NONE, Clock.systemUTC()).apply(plan, env,
                ApplyOptions.defaults("test"));

        assertThat(result.outcomes()).hasSize(32).allMatch(o -> o.status() == Outcome.Status.DONE);
        // checked once before the lock and once under it, each by one LIST across namespaces narrowed by labels
        assertThat(lists("/api/v1/configmaps")).hasSize(2)
                .allSatisfy(r -> assertThat(r.path()).contains("labelSelector=tier%3Dweb"));
        assertThat(api.requests()).filteredOn(r -> r.isList() && r.path().matches("/api/v1/namespaces/[a-d]/.*"))
                .isEmpty();
        assertThat(objectGets()).noneMatch(r -> r.path().matches("/api/v1/namespaces/[a-d]/.*"));
    }

    @Test
    void aForbiddenListAcrossNamespacesFallsBackToAListPerNamespace() {
        List<Resource> desired = new ArrayList<>();
        for (String ns : List.of("a", "b", "c")) {
            desired.addAll(configMaps(ns, 5));
        }
        desired.forEach(byList::apply);
        api.failExactly("GET", "/api/v1/configmaps", 403, Map.of("kind", "Status", "code", 403, "reason", "Forbidden"),
                100);
        api.forgetRequests();

        try (LogCapture log = LogCapture.of(LiveReader.class)) {
            assertThat(byList.readDesired(desired)).hasSize(15).isEqualTo(byGet.readDesired(desired));
            assertThat(log.records()).extracting(LogRecord::getMessage)
                    .contains("LIST of configmaps across namespaces forbidden (HTTP 403): read by GET or per namespace"
                            + " instead");
        }
        assertThat(lists("/api/v1/configmaps")).hasSize(1);
        assertThat(api.requests()).filteredOn(FakeApiServer.Seen::isList).hasSize(1 + 3);
    }

    @Test
    void listsPageByPage() {
        List<Resource> desired = configMaps("shop", 10);
        desired.forEach(byList::apply);
        KubernetesErrors errors = new KubernetesErrors("fake");
        try (RequestPool pool = new RequestPool("fake")) {
            LiveReader pagesOfFour = new LiveReader(new ApiDiscovery(api.client(), errors),
                    new Fabric8Objects(api.client()), errors, pool, "shop", ReadMode.LIST, 4);
            api.forgetRequests();

            assertThat(pagesOfFour.readDesired(desired)).hasSize(10);
        }
        assertThat(lists("/api/v1/namespaces/shop/configmaps")).extracting(FakeApiServer.Seen::path)
                .satisfiesExactly(p -> assertThat(p).doesNotContain("continue="),
                        p -> assertThat(p).contains("continue=4"), p -> assertThat(p).contains("continue=8"));
    }

    @Test
    void aForbiddenListFallsBackToGetAndIsNotAskedAgain() {
        List<Resource> desired = configMaps("shop", 12);
        desired.subList(0, 8).forEach(byList::apply);
        api.failExactly("GET", "/api/v1/namespaces/shop/configmaps", 403,
                Map.of("kind", "Status", "code", 403, "reason", "Forbidden"), 100);
        api.forgetRequests();

        Map<ResourceId, LiveObject> first = byList.readDesired(desired);
        Map<ResourceId, LiveObject> second = byList.readDesired(desired);

        assertThat(first).isEqualTo(byGet.readDesired(desired)).hasSize(8).isEqualTo(second);
        assertThat(lists("/api/v1/namespaces/shop/configmaps")).hasSize(1);
        assertThat(objectGets()).hasSize(12 * 3); // both reads by LIST's fallback, and the GET reader's
    }

    @Test
    void fewObjectsOfAKindAreReadByGet() {
        List<Resource> desired = configMaps("shop", LiveReader.FEW);
        desired.forEach(byList::apply);
        api.forgetRequests();

        assertThat(byList.readDesired(desired)).hasSize(LiveReader.FEW);
        assertThat(api.requests()).noneMatch(FakeApiServer.Seen::isList);
        assertThat(objectGets()).hasSize(LiveReader.FEW);
    }

    @Test
    void aSelectorNeverHidesAnObjectWhoseLabelsWereEdited() {
        List<Resource> desired = configMaps("shop", 10);
        desired.forEach(byList::apply);
        api.client().configMaps().inNamespace("shop").withName("cm-3")
                .edit(cm -> { cm.getMetadata().getLabels().put("team", "someone-else"); return cm; });

        Map<ResourceId, LiveObject> live = byList.readDesired(desired);

        assertThat(live).hasSize(10);
        assertThat(live.get(desired.get(3).id()).body()).extracting("metadata").extracting("labels")
                .isEqualTo(Map.of("team", "someone-else", "tier", "web"));
    }

    @Test
    void sameResultAsOneGetPerObjectOnTheSameClusterState() {
        List<Resource> desired = new ArrayList<>();
        for (String ns : List.of("shop", "web", "ops")) {
            desired.addAll(configMaps(ns, 9));
            IntStream.range(0, 4).forEach(i -> desired.add(Manifests.one("apiVersion: autoscaling/v" + (1 + i % 2)
                    + "\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: hpa-" + i + "\n  namespace: " + ns
                    + "\nspec:\n  maxReplicas: " + (3 + i) + "\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment,"
                    + " name: web}\n")));
        }
        IntStream.range(0, 5).forEach(i -> desired.add(Manifests.one("apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: ClusterRole\nmetadata:\n  name: role-" + i + "\n  labels: {team: ops}\nrules: []\n")));
        desired.add(Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: defaulted-ns\ndata: {a: b}\n"));
        for (int i = 0; i < desired.size(); i++) {
            if (i % 4 != 1) { // a quarter absent
                byList.apply(desired.get(i));
            }
        }
        api.client().configMaps().inNamespace("web").withName("cm-2")
                .edit(cm -> { cm.getMetadata().getLabels().clear(); return cm; });
        List<ResourceId> inventoryOnly = List.of(new ResourceId("", "ConfigMap", "ops", "cm-0"),
                new ResourceId("", "ConfigMap", "ops", "gone"), new ResourceId("rbac.authorization.k8s.io",
                        "ClusterRole", "", "role-0"), new ResourceId("example.com", "Widget", "shop", "unserved"));

        Map<ResourceId, LiveObject> listed = byList.readDesired(desired);
        Map<ResourceId, LiveObject> got = byGet.readDesired(desired);

        assertThat(listed).hasSizeGreaterThan(desired.size() / 2);
        assertThat(listed.keySet()).containsExactlyElementsOf(got.keySet());
        listed.forEach((id, live) -> {
            assertThat(live.version()).as(id.toString()).isEqualTo(got.get(id).version());
            assertThat(live.body()).as(id.toString()).isEqualTo(got.get(id).body());
        });
        assertThat(byList.read(inventoryOnly)).isEqualTo(byGet.read(inventoryOnly)).hasSize(2);
    }
}
