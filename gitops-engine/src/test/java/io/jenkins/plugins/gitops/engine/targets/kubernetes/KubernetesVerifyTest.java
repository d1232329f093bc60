package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.verify.Verifier;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * verify (client diff) against objects stored as an API server returns them: quantities in canonical form, empty
 * values dropped, no namespace on a cluster-scoped object. None of those spellings in the manifests is drift;
 * a real change of the same objects is.
 */
class KubernetesVerifyTest {
    /** As a real server returns them after an apply of {@link #MANIFESTS} (the seed records our field manager). */
    private static final String STORED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    env: [{name: MODE}]
                    ports: [{containerPort: 8080, protocol: TCP}, {containerPort: 8080, protocol: UDP}]
                    resources: {limits: {cpu: 500m, memory: 3Gi}, requests: {cpu: "1", memory: 1G}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: null
            """;
    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
            spec:
              replicas: %d
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  imagePullSecrets: []
                  containers:
                  - name: web
                    image: nginx:1.27
                    env: [{name: MODE, value: ""}]
                    ports: [{containerPort: 8080, protocol: UDP}, {containerPort: 8080}]
                    resources: {limits: {cpu: 0.5, memory: 3072Mi}, requests: {cpu: 1, memory: 1000M}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader, namespace: shop}
            rules: []
            """;

    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(KubernetesTargetTest.config(), api.client());

    @AfterEach
    void stop() {
        target.close();
        api.close();
    }

    @SuppressWarnings("unchecked")
    private void seed() {
        for (Object object : new Yaml().loadAll(STORED)) {
            api.seed((Map<String, Object>) object, KubernetesTargetConfig.DEFAULT_FIELD_MANAGER);
        }
    }

    private VerifyResult verify(String manifests) {
        List<Resource> resources = Manifests.parse("env.yaml", manifests);
        Environment env = new Environment("repo", "c0ffee", "envs/prod", DesiredState.of(resources), List.of());
        return new Verifier(target, Progress.NONE, Clock.systemUTC(), Duration.ofMillis(10)).verify(env, Duration.ZERO);
    }

    @Test
    void spellingsTheServerStoresAsTheSameValueAreNoDrift() {
        seed();

        VerifyResult result = verify(MANIFESTS.formatted(2));

        assertThat(result.drifted()).as("%s", result.drifted()).isEmpty();
    }

    @Test
    void realChangesToTheSameObjectsAreDrift() {
        seed();

        VerifyResult result = verify(MANIFESTS.formatted(3).replace("cpu: 0.5", "cpu: 0.6")
                .replace("labels: {app: web, tier: front}}", "labels: {app: web}}"));

        assertThat(result.drifted()).singleElement().extracting(Change::paths).asList().containsExactly(
                "metadata.labels.tier", "spec.replicas",
                "spec.template.spec.containers[web].resources.limits.cpu");
    }
}
