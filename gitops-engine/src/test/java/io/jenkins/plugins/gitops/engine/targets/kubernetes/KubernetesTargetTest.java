package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.diff.DiffScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubernetesTargetTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(config(), api.client());

    static KubernetesTargetConfig config() {
        return KubernetesTargetConfig.builder().namespace("shop").inventoryName("envs-prod").build();
    }

    @AfterEach
    void stop() {
        target.close();
        api.close();
    }

    static Resource configMap(String namespace, String name, String value) {
        return Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                + (namespace == null ? "" : "\n  namespace: " + namespace) + "\ndata:\n  key: " + value + "\n");
    }

    @Test
    void identityNamesServerContextAndInventory() {
        assertThat(target.identity()).isEqualTo("k8s:" + api.client().getMasterUrl().toString().replaceAll("/$", "")
                + "#fabric8-mock-server-context/gitops-system/envs-prod");
        assertThat(target.capabilities().diffScope()).isEqualTo(io.jenkins.plugins.gitops.engine.diff.DiffScope.DESIRED_FIELDS);
    }

    @Test
    void serverSideApplyCreatesThenUpdatesAndReadReportsTheVersion() {
        LiveObject created = target.apply(configMap("shop", "settings", "one"));
        assertThat(created.body()).extracting("data").isEqualTo(Map.of("key", "one"));

        LiveObject updated = target.apply(configMap("shop", "settings", "two"));
        assertThat(updated.version()).isNotEqualTo(created.version());

        ResourceId id = new ResourceId("", "ConfigMap", "shop", "settings");
        Map<ResourceId, LiveObject> live = target.read(List.of(id, new ResourceId("", "ConfigMap", "shop", "absent")));
        assertThat(live).containsOnlyKeys(id);
        assertThat(live.get(id).version()).isEqualTo(updated.version());
        assertThat(live.get(id).body()).extracting("data").isEqualTo(Map.of("key", "two"));
        assertThat(api.client().configMaps().inNamespace("shop").withName("settings").get().getData())
                .containsEntry("key", "two");
    }

    @Test
    void namespacedResourceWithoutNamespaceGoesToTheDefaultNamespace() {
        target.apply(configMap(null, "plain", "x"));

        assertThat(api.client().configMaps().inNamespace("shop").withName("plain").get()).isNotNull();
        assertThat(target.read(List.of(new ResourceId("", "ConfigMap", "", "plain")))).hasSize(1);
    }

    @Test
    void deleteRemovesTheObjectAndToleratesOneAlreadyGone() {
        target.apply(configMap("shop", "doomed", "x"));
        ResourceId id = new ResourceId("", "ConfigMap", "shop", "doomed");

        target.delete(id);
        target.delete(id);

        assertThat(target.read(List.of(id))).isEmpty();
    }

    @Test
    void readsManyObjectsAtOnceKeyedByTheRequestedIds() {
        List<ResourceId> ids = IntStream.range(0, 100)
                .mapToObj(i -> new ResourceId("", "ConfigMap", i % 10 == 0 ? "" : "shop", "cm-" + i)).toList();
        List<ResourceId> present = ids.stream().filter(id -> id.name().hashCode() % 2 == 0).toList();
        present.forEach(id -> target.apply(configMap(null, id.name(), id.name())));
        api.latency(20);

        long start = System.nanoTime();
        Map<ResourceId, LiveObject> live = target.read(ids);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(live.keySet()).containsExactlyElementsOf(present);
        live.forEach((id, object) -> assertThat(object.body()).extracting("data").isEqualTo(Map.of("key", id.name())));
        // One at a time, 100 requests take at least 2 s; latency, not CPU, dominates.
        assertThat(millis).isLessThan(100 * 20 / 2);
    }

    @Test
    void aFailedReadAmongManyNamesTheFirstFailingResource() {
        List<ResourceId> ids = IntStream.range(0, 40).mapToObj(i -> new ResourceId("", "ConfigMap", "shop", "cm-" + i))
                .toList();
        Map<String, Object> forbidden = Map.of("kind", "Status", "code", 403, "reason", "Forbidden");
        api.fail("GET", "/api/v1/namespaces/shop/configmaps/cm-31", 403, forbidden, 1);
        api.fail("GET", "/api/v1/namespaces/shop/configmaps/cm-7", 403, forbidden, 1);

        assertThatThrownBy(() -> target.read(ids)).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("forbidden: get ConfigMap/shop/cm-7 in namespace shop");
    }

    @Test
    void unknownKindNamesItsGroupAndSuggestsTheCrd() {
        Resource widget = Manifests.one("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        assertThatThrownBy(() -> target.apply(widget)).isInstanceOf(TargetException.class)
                .hasMessageContaining("kind Widget in group example.com is not served by the cluster")
                .hasMessageContaining("is its CRD installed?");
    }

    @Test
    void appliesThePodinfoCorpusAtEachManifestsVersion() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/kubernetes/podinfo-kustomize.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Resource> podinfo = Manifests.parse("podinfo-kustomize.yaml", yaml);
        assertThat(podinfo).hasSize(3);

        podinfo.forEach(target::apply);

        Map<ResourceId, LiveObject> live = target.read(podinfo.stream().map(Resource::id).toList());
        assertThat(live).hasSize(3);
        assertThat(api.client().apps().deployments().inNamespace("shop").withName("podinfo").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).startsWith("ghcr.io/stefanprodan/podinfo");
        assertThat(api.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").withName("podinfo")
                .get().getSpec().getMaxReplicas()).isEqualTo(4);
    }
}
