package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client diff of a custom resource typed by the server's OpenAPI v3 (read-only credentials suffice), with
 * kube-prometheus' real Prometheus CRD (gitops-bench's corpus, Apache-2.0) stored in the fake API server, which
 * merges and records ownership by that CRD's list keys. {@code spec.hostAliases} is keyed by {@code ip}.
 */
class CustomResourceDiffTest {
    private static final Path PROMETHEUS_CRD =
            Path.of("../gitops-bench/corpus/kube-prometheus/manifests/setup/0prometheusCustomResourceDefinition.yaml");
    private static final String OPENAPI_DOCUMENT = "/openapi/v3/apis/monitoring.coreos.com/v1";

    private final FakeApiServer api = new FakeApiServer();
    private final List<KubernetesTarget> targets = new ArrayList<>();

    @AfterEach
    void stop() {
        targets.forEach(KubernetesTarget::close);
        api.close();
    }

    private KubernetesTarget target() {
        KubernetesTarget target = new KubernetesTarget(KubernetesTargetTest.config(), api.client());
        targets.add(target);
        return target;
    }

    private static Resource crd() {
        try {
            return Manifests.one(Files.readString(PROMETHEUS_CRD));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Resource prometheus(String... ips) {
        StringBuilder aliases = new StringBuilder();
        for (String ip : ips) {
            aliases.append("  - {ip: ").append(ip).append(", hostnames: [host-").append(ip.replace('.', '-')).append("]}\n");
        }
        return Manifests.one("""
                apiVersion: monitoring.coreos.com/v1
                kind: Prometheus
                metadata: {name: k8s, namespace: monitoring}
                spec:
                  replicas: 2
                  hostAliases:
                """ + aliases);
    }

    private static Change plan(KubernetesTarget target, Resource... desired) {
        Environment env = new Environment("repo", "c0ffee", "envs/prod", DesiredState.of(List.of(desired)), List.of());
        Plan plan = new Planner(target, Progress.NONE, Clock.systemUTC()).plan(env, Pruning.OFF);
        return plan.changes().stream().filter(c -> c.id().kind().equals("Prometheus")).findFirst().orElseThrow();
    }

    /** A hand edit (an update, not an apply) adds a host alias: the fake records its user agent as its manager. */
    @SuppressWarnings("unchecked")
    private void addAliasByHand(String ip) {
        api.client().genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus").inNamespace("monitoring")
                .withName("k8s").edit(p -> {
                    List<Object> aliases = new ArrayList<>((List<Object>) ((Map<String, Object>) p.getAdditionalProperties()
                            .get("spec")).get("hostAliases"));
                    aliases.add(0, Map.of("ip", ip, "hostnames", List.of("by-hand")));
                    ((Map<String, Object>) p.getAdditionalProperties().get("spec")).put("hostAliases", aliases);
                    return p;
                });
    }

    @SuppressWarnings("unchecked")
    private List<Object> storedAliases() {
        return (List<Object>) ((Map<String, Object>) api.client().genericKubernetesResources("monitoring.coreos.com/v1",
                "Prometheus").inNamespace("monitoring").withName("k8s").get().getAdditionalProperties().get("spec"))
                .get("hostAliases");
    }

    /** The CRD installed (by Helm), hosts 10.0.0.1 and .2 applied by us, then 10.0.0.9 added by hand; requests forgotten. */
    private void appliedThenEditedByHand() {
        api.seed(crd().body(), "helm");
        target().apply(prometheus("10.0.0.1", "10.0.0.2"));
        addAliasByHand("10.0.0.9");
        api.forgetRequests();
    }

    private long openApiRequests() {
        return api.requests().stream().filter(r -> r.path().startsWith("/openapi/")).count();
    }

    @Test
    void anItemAnotherManagerAddedIsNoChangeOnceTheServersSchemaIsRead() {
        appliedThenEditedByHand();
        KubernetesTarget target = target();

        assertThat(plan(target, prometheus("10.0.0.1", "10.0.0.2")).action()).isEqualTo(Action.NOOP);
        assertThat(api.requests()).extracting(r -> r.path().replaceAll("\\?.*", "")).filteredOn(p -> p.startsWith("/openapi/"))
                .containsExactly("/openapi/v3", OPENAPI_DOCUMENT);
        // Read once: later plans of this target ask nothing more.
        Change drops = plan(target, prometheus("10.0.0.1"));
        assertThat(openApiRequests()).isEqualTo(2);
        assertThat(drops.action()).isEqualTo(Action.UPDATE);
        assertThat(drops.paths()).containsExactly("spec.hostAliases[10.0.0.2]");

        // And the server agrees: the apply removes only the item we alone owned.
        target.apply(prometheus("10.0.0.1"));
        assertThat(storedAliases().stream().<Object>map(a -> ((Map<?, ?>) a).get("ip")).toList()).containsExactly("10.0.0.9", "10.0.0.1");
        assertThat(plan(target, prometheus("10.0.0.1")).action()).isEqualTo(Action.NOOP);
    }

    @Test
    void withoutTheSchemaTheSameStateIsAFalseChange() {
        appliedThenEditedByHand();
        // Read-only credentials without the discovery role: the OpenAPI is refused, the plan goes on quietly.
        api.fail("GET", "/openapi/v3", 403, Map.of("kind", "Status", "code", 403, "reason", "Forbidden"), 1);

        Change change = plan(target(), prometheus("10.0.0.1", "10.0.0.2"));

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(openApiRequests()).isEqualTo(1);
    }

    @Test
    void aCrdInTheDesiredStateTypesItsResourcesWithoutAskingTheServer() {
        appliedThenEditedByHand();

        assertThat(plan(target(), crd(), prometheus("10.0.0.1", "10.0.0.2")).action()).isEqualTo(Action.NOOP);
        assertThat(api.requests()).noneMatch(r -> r.path().startsWith(OPENAPI_DOCUMENT));
    }

    @Test
    void builtInKindsNeverAskForTheOpenApi() {
        // The twelve kinds of the benchmark's plan of 10,000, each compared (the live bodies carry managedFields).
        KubernetesTarget target = target();
        List<Resource> desired = new ArrayList<>();
        for (String kind : List.of("v1 ConfigMap", "v1 Secret", "v1 Service", "v1 ServiceAccount",
                "v1 PersistentVolumeClaim", "apps/v1 Deployment", "apps/v1 StatefulSet", "apps/v1 DaemonSet",
                "batch/v1 Job", "batch/v1 CronJob", "autoscaling/v2 HorizontalPodAutoscaler",
                "coordination.k8s.io/v1 Lease")) {
            String[] k = kind.split(" ");
            desired.add(Manifests.one("apiVersion: " + k[0] + "\nkind: " + k[1] + "\nmetadata: {name: a, namespace: shop,"
                    + " labels: {app: a}}\n"));
        }
        desired.forEach(target::apply);
        api.forgetRequests();

        Environment env = new Environment("repo", "c0ffee", "envs/prod", DesiredState.of(desired), List.of());
        Plan plan = new Planner(target(), Progress.NONE, Clock.systemUTC()).plan(env, Pruning.OFF);

        assertThat(plan.changes()).hasSize(12).extracting(Change::action).containsOnly(Action.NOOP);
        assertThat(openApiRequests()).isZero();
    }
}
