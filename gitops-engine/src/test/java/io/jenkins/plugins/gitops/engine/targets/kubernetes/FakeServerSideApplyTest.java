package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake API server's server-side apply with several field managers behaves as the Kubernetes documentation
 * ("Server-Side Apply") describes a real server's: shared fields, conflicts and forcing, removal of only what the
 * applier alone owned, and map lists merged by key. The target tests rely on this, so it is checked on its own.
 */
class FakeServerSideApplyTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget ours = new KubernetesTarget(KubernetesTargetTest.config(), api.client());
    private final KubernetesTarget theirs = target("their-tool", false);
    private final KubernetesTarget forcing = target("their-tool", true);

    private KubernetesTarget target(String manager, boolean force) {
        return new KubernetesTarget(KubernetesTargetTest.config().toBuilder().fieldManager(manager)
                .forceConflicts(force).build(), api.client());
    }

    @AfterEach
    void stop() {
        List.of(ours, theirs, forcing).forEach(KubernetesTarget::close);
        api.close();
    }

    private static Resource deployment(int replicas, String labels, String ports) {
        return Manifests.one("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  labels: %s
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        ports: %s
                """.formatted(labels, replicas, ports));
    }

    private Map<?, ?> stored() {
        return api.client().getKubernetesSerialization().convertValue(api.client()
                .genericKubernetesResources("apps/v1", "Deployment").inNamespace("shop").withName("web").get(), Map.class);
    }

    private List<Object> managers() {
        return ((List<?>) ((Map<?, ?>) stored().get("metadata")).get("managedFields")).stream()
                .<Object>map(e -> ((Map<?, ?>) e).get("manager")).toList();
    }

    @Test
    void aFieldTwoManagersSetIsSharedAndStaysWhenOneDropsIt() {
        ours.apply(deployment(2, "{tier: web}", "[{containerPort: 80}]"));
        theirs.apply(deployment(2, "{tier: web}", "[{containerPort: 80}]"));
        assertThat(managers()).containsExactly("gitops-pipeline", "their-tool");

        ours.apply(deployment(2, "{}", "[{containerPort: 80}]"));

        assertThat(((Map<?, ?>) stored().get("metadata")).get("labels")).isEqualTo(Map.of("tier", "web"));
    }

    @Test
    void aFieldOnlyTheApplierOwnedIsRemovedWhenItStopsSettingIt() {
        ours.apply(deployment(2, "{tier: web, team: shop}", "[{containerPort: 80}]"));

        ours.apply(deployment(2, "{tier: web}", "[{containerPort: 80}]"));

        assertThat(((Map<?, ?>) stored().get("metadata")).get("labels")).isEqualTo(Map.of("tier", "web"));
    }

    @Test
    void aDifferentValueOfAnotherManagersFieldConflictsUnlessForced() {
        ours.apply(deployment(2, "{}", "[{containerPort: 80}]"));

        assertThatThrownBy(() -> theirs.apply(deployment(5, "{}", "[{containerPort: 80}]")))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("conflicts with field manager(s) gitops-pipeline on .spec.replicas");
        assertThat(stored().get("spec")).extracting("replicas").isEqualTo(2);

        forcing.apply(deployment(5, "{}", "[{containerPort: 80}]"));
        assertThat(stored().get("spec")).extracting("replicas").isEqualTo(5);
        // Forced over, the field is theirs now: our unchanged manifest conflicts in turn.
        assertThatThrownBy(() -> ours.apply(deployment(2, "{}", "[{containerPort: 80}]")))
                .hasMessageContaining("conflicts with field manager(s) their-tool on .spec.replicas");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapListItemsOfSeveralManagersAreMergedByKey() {
        ours.apply(deployment(2, "{}", "[{containerPort: 80}]"));
        theirs.apply(deployment(2, "{}", "[{containerPort: 9090, name: metrics}, {containerPort: 80}]"));

        ours.apply(deployment(2, "{}", "[{containerPort: 80, name: http}]"));

        Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) stored().get("spec"))
                .get("template")).get("spec")).get("containers")).get(0);
        assertThat((List<Map<String, Object>>) container.get("ports")).extracting(p -> p.get("containerPort"))
                .containsExactlyInAnyOrder(80, 9090);
        assertThat((List<Map<String, Object>>) container.get("ports")).filteredOn(p -> p.get("containerPort").equals(80))
                .singleElement().isEqualTo(Map.of("containerPort", 80, "name", "http"));
    }
}
