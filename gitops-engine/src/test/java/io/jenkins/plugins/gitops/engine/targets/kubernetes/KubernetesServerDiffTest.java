package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --diff server}: plans compare the live object with the server's dry-run apply. The fake defaults a
 * Deployment's progressDeadlineSeconds and a Service port's protocol, and drops fields our field manager
 * stopped applying, as a real API server does.
 */
class KubernetesServerDiffTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: %d
            %s  selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            """;

    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(KubernetesTargetTest.config(), api.client());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void update(String phase, int done, int total) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    @AfterEach
    void stop() {
        target.close();
        api.close();
    }

    private static Resource deployment(int replicas, String extraSpec) {
        return Manifests.one(DEPLOYMENT.formatted(replicas, extraSpec));
    }

    private Plan plan(DiffMode mode, Resource... desired) {
        Environment env = new Environment("repo", "c0ffee", "envs/prod", DesiredState.of(List.of(desired)), List.of());
        return new Planner(target, progress, Clock.systemUTC(), mode).plan(env, Pruning.OFF);
    }

    private static Change change(Plan plan, Resource resource) {
        return plan.changes().stream().filter(c -> c.id().equals(resource.id())).findFirst().orElseThrow();
    }

    private Map<?, ?> storedDeployment() {
        return api.client().getKubernetesSerialization().convertValue(api.client()
                .genericKubernetesResources("apps/v1", "Deployment").inNamespace("shop").withName("web").get(), Map.class);
    }

    @Test
    void fieldsTheServerDefaultedAreNoDifference() {
        Resource web = deployment(2, "");
        Resource service = Manifests.one(SERVICE);
        target.apply(web);
        target.apply(service);
        assertThat(storedDeployment()).extracting("spec").extracting("progressDeadlineSeconds").isEqualTo(600);

        Plan plan = plan(DiffMode.SERVER, web, service);

        assertThat(plan.changes()).extracting(Change::action).containsOnly(Action.NOOP);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFieldRemovedFromTheManifestThatOurManagerOwnsIsADifferenceToBothDiffs() {
        target.apply(deployment(2, "  minReadySeconds: 5\n"));
        Resource without = deployment(2, "");

        Change client = change(plan(DiffMode.CLIENT, without), without);
        assertThat(client.action()).isEqualTo(Action.UPDATE);
        assertThat(client.diff()).contains("-  minReadySeconds: 5");
        Change server = change(plan(DiffMode.SERVER, without), without);

        assertThat(server.action()).isEqualTo(Action.UPDATE);
        assertThat(server.diff()).contains("-  minReadySeconds: 5")
                .doesNotContain("-  progressDeadlineSeconds", "+  progressDeadlineSeconds");
    }

    @Test
    void planningStoresNothing() {
        target.apply(deployment(2, "  minReadySeconds: 5\n"));
        Map<?, ?> before = storedDeployment();
        String version = (String) ((Map<?, ?>) before.get("metadata")).get("resourceVersion");

        Change change = change(plan(DiffMode.SERVER, deployment(5, "")), deployment(5, ""));

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.diff()).contains("-  replicas: 2", "+  replicas: 5", "-  minReadySeconds: 5");
        assertThat(change.liveVersion()).isEqualTo(version);
        Map<?, ?> after = storedDeployment();
        assertThat(((Map<?, ?>) after.get("metadata")).get("resourceVersion")).isEqualTo(version);
        assertThat(after.get("spec")).isEqualTo(before.get("spec"));
        // The dry run did not record what we applied either: a real apply still removes minReadySeconds.
        target.apply(deployment(5, ""));
        Map<Object, Object> expected = new java.util.LinkedHashMap<>((Map<?, ?>) before.get("spec"));
        expected.put("replicas", 5);
        expected.remove("minReadySeconds");
        assertThat(storedDeployment().get("spec")).isEqualTo(expected);
    }

    @Test
    void secretValuesStayMasked() {
        target.apply(secret("old-s3cr3t", "tok-s3cr3t"));
        Resource desired = secret("new-s3cr3t", null);

        Change change = change(plan(DiffMode.SERVER, desired), desired);

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.diff()).contains("password: '*** (before)'", "password: '*** (after)'", "-  token: '***")
                .doesNotContain("s3cr3t", base64("old-s3cr3t"), base64("new-s3cr3t"), base64("tok-s3cr3t"));
    }

    @Test
    void aCreateShowsTheManifestAndDryRunsNothing() {
        Resource web = deployment(2, "");

        Change change = change(plan(DiffMode.SERVER, web), web);

        assertThat(change.action()).isEqualTo(Action.CREATE);
        assertThat(change.diff()).contains("+  replicas: 2").doesNotContain("progressDeadlineSeconds");
        assertThat(target.read(List.of(web.id()))).isEmpty();
    }

    @Test
    void aContainerRemovedFromTheManifestIsARemovalToTheClientDiff() {
        String sidecar = "      - name: proxy\n        image: envoy:1.30\n";
        target.apply(Manifests.one(DEPLOYMENT.formatted(2, "") + sidecar));
        Resource web = deployment(2, "");

        Change change = change(plan(DiffMode.CLIENT, web), web);
        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.paths()).containsExactly("spec.template.spec.containers[proxy]");
        // Applied, nothing is left to change: the client diff agrees with what the apply stored.
        target.apply(web);
        assertThat(change(plan(DiffMode.CLIENT, web), web).action()).isEqualTo(Action.NOOP);
    }

    @Test
    @SuppressWarnings("unchecked")
    void whatAMutatingWebhookAddsIsHiddenUnlessAsked() {
        Resource web = deployment(2, "");
        target.apply(web);
        // A webhook installed since: every admission now stamps a label no manifest sets.
        api.webhook(object -> ((Map<String, Object>) ((Map<String, Object>) object.get("metadata"))
                .computeIfAbsent("labels", k -> new java.util.LinkedHashMap<>())).put("injected-by", "policy"));
        Resource scaled = deployment(3, "");

        Change hidden = change(plan(DiffMode.SERVER, scaled), scaled);
        assertThat(hidden.action()).isEqualTo(Action.UPDATE);
        assertThat(hidden.paths()).containsExactly("spec.replicas");
        assertThat(hidden.diff()).doesNotContain("injected-by");

        Change shown = change(plan(DiffMode.SERVER_WITH_WEBHOOKS, scaled), scaled);
        assertThat(shown.paths()).containsExactly("metadata.labels", "spec.replicas");
        assertThat(shown.diff()).contains("+    injected-by: policy");
    }

    @Test
    void kindsTheServerCannotDryRunAreComparedClientSideWithOneWarning() {
        Resource changed = KubernetesTargetTest.configMap("shop", "a", "one");
        Resource same = KubernetesTargetTest.configMap("shop", "b", "two");
        target.apply(changed);
        // b's manifest dropped a key since the last apply: only a dry run could tell what the apply removes.
        target.apply(Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: shop\n"
                + "data:\n  key: two\n  old: x\n"));
        api.fail("PATCH", "/api/v1/namespaces/shop/configmaps/a", 415, status(415, "UnsupportedMediaType"), 1);
        api.fail("PATCH", "/api/v1/namespaces/shop/configmaps/b", 400,
                Map.of("kind", "Status", "code", 400, "reason", "BadRequest", "message", "dryRun is not supported"), 1);
        Resource update = KubernetesTargetTest.configMap("shop", "a", "uno");

        Plan plan = plan(DiffMode.SERVER, update, same);

        assertThat(change(plan, update).action()).isEqualTo(Action.UPDATE);
        assertThat(change(plan, update).diff()).contains("-  key: one", "+  key: uno");
        // Compared client-side, the key our field manager set and the manifest dropped is still a removal.
        assertThat(change(plan, same).action()).isEqualTo(Action.UPDATE);
        assertThat(change(plan, same).diff()).contains("-  old: x");
        assertThat(warnings).singleElement().asString().contains("2 resource(s)", "ConfigMap/shop/a",
                "ConfigMap/shop/b", "client-side");
    }

    @Test
    void onlyObjectsTheApplyMayChangeAreDryRun() {
        List<Resource> applied = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            applied.add(Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + i
                    + "\n  namespace: shop\ndata:\n  key: v" + i + "\n  extra: x\n"));
        }
        applied.forEach(target::apply);
        api.client().configMaps().inNamespace("shop").withName("cm-5")
                .edit(cm -> { cm.getData().put("added-by-hand", "y"); return cm; });
        Resource changed = Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-0\n  namespace: shop\n"
                + "data:\n  key: changed\n  extra: x\n");
        Resource dropsAField = Manifests.one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-1\n"
                + "  namespace: shop\ndata:\n  key: v1\n");
        List<Resource> desired = new ArrayList<>(List.of(changed, dropsAField));
        desired.addAll(applied.subList(2, 6));
        api.forgetRequests();

        Plan plan = plan(DiffMode.SERVER, desired.toArray(Resource[]::new));

        assertThat(api.requests()).filteredOn(r -> r.method().equals("PATCH") && r.path().contains("dryRun=All"))
                .extracting(r -> r.path().replaceAll("\\?.*", ""))
                .containsExactlyInAnyOrder("/api/v1/namespaces/shop/configmaps/cm-0",
                        "/api/v1/namespaces/shop/configmaps/cm-1");
        assertThat(change(plan, changed).action()).isEqualTo(Action.UPDATE);
        assertThat(change(plan, dropsAField).diff()).contains("-  extra: x");
        // A field another hand added is not ours: the apply leaves it, so the object is unchanged.
        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.NOOP).hasSize(4);
    }

    @Test
    void aRefusedDryRunFailsThePlanNamingVerbAndResource() {
        target.apply(KubernetesTargetTest.configMap("shop", "a", "one"));
        api.fail("PATCH", "/api/v1/namespaces/shop/configmaps/a", 403, status(403, "Forbidden"), 1);

        assertThatThrownBy(() -> plan(DiffMode.SERVER, KubernetesTargetTest.configMap("shop", "a", "two")))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("forbidden: patch (dry run) ConfigMap/shop/a in namespace shop");
    }

    private static Map<String, Object> status(int code, String reason) {
        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "code", code, "reason", reason);
    }

    private static Resource secret(String password, String token) {
        return Manifests.one("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\ndata:\n"
                + "  password: " + base64(password) + "\n" + (token == null ? "" : "  token: " + base64(token) + "\n"));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
