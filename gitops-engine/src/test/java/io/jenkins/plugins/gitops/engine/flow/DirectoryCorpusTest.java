package io.jenkins.plugins.gitops.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The public corpora (podinfo, microservices-demo; Apache-2.0, see src/test/resources/corpus) through the whole
 * flow on the directory target: the plan holds exactly the resources that kubectl renders, apply then verify is
 * clean, a hand edit is drift, a removed resource is pruned, a rollback restores the earlier files.
 */
class DirectoryCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/corpus");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void podinfoOverlayPlansExactlyWhatKustomizeRenders(String overlay) throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(CORPUS.resolve("podinfo-deploy"), "deploy");
        git.commit("podinfo");
        FlowFixture flow = new FlowFixture(git.dir(), "deploy/overlays/" + overlay,
                new DirectoryTarget(tmp.resolve("target")));

        Plan plan = flow.plan("HEAD");
        assertThat(plan.changes()).extracting(Change::id).containsExactlyInAnyOrderElementsOf(
                idsOf(kubectlKustomize(CORPUS.resolve("podinfo-deploy/overlays/" + overlay))));
        assertThat(flow.apply(plan).succeeded()).isTrue();
        assertThat(flow.verify("HEAD").inSync()).isTrue();
    }

    @Test
    void microservicesDemoAsPlainManifestsFullLifecycle() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.copyTree(CORPUS.resolve("microservices-demo"), "shop");
        git.delete("shop/kustomization.yaml");
        // Its container runs a shell script with ${FRONTEND_ADDR}: opt that resource out of substitution.
        Path loadgen = git.dir().resolve("shop/loadgenerator.yaml");
        git.write("shop/loadgenerator.yaml", Files.readString(loadgen).replace("  name: loadgenerator\n  labels:",
                "  name: loadgenerator\n  annotations:\n    gitops.jenkins.io/substitute: disabled\n  labels:"));
        String first = git.commit("shop as plain manifests");
        Path targetDir = tmp.resolve("target");
        FlowFixture flow = new FlowFixture(git.dir(), "shop", new DirectoryTarget(targetDir));

        Plan plan = flow.plan("HEAD");
        assertThat(plan.changes()).extracting(Change::id)
                .containsExactlyInAnyOrderElementsOf(idsOf(plainDocuments(git.dir().resolve("shop"))));
        assertThat(plan.changes()).hasSize(35);
        assertThat(flow.apply(plan).succeeded()).isTrue();
        assertThat(flow.verify("HEAD").inSync()).isTrue();
        assertThat(Files.readString(targetDir.resolve("apps/Deployment/_cluster/loadgenerator.yaml")))
                .contains("${FRONTEND_ADDR}");
        Map<String, String> afterFirst = FlowFixture.snapshot(targetDir);

        Path cart = targetDir.resolve("apps/Deployment/_cluster/cartservice.yaml");
        Files.writeString(cart, Files.readString(cart).replace("terminationGracePeriodSeconds: 5", "terminationGracePeriodSeconds: 50"));
        assertThat(flow.verify("HEAD").drifted()).extracting(Change::id)
                .containsExactly(new ResourceId("apps", "Deployment", "", "cartservice"));

        git.delete("shop/emailservice.yaml");
        git.commit("retire the email service");
        Plan prune = flow.plan("HEAD");
        assertThat(prune.changes()).filteredOn(c -> c.action() == Action.DELETE).extracting(c -> c.id().name())
                .containsExactlyInAnyOrder("emailservice", "emailservice", "emailservice");
        assertThat(prune.changes()).filteredOn(c -> c.action() == Action.UPDATE).extracting(c -> c.id().name())
                .containsExactly("cartservice");
        assertThat(flow.apply(prune).succeeded()).isTrue();
        assertThat(targetDir.resolve("apps/Deployment/_cluster/emailservice.yaml")).doesNotExist();

        assertThat(flow.applyNow(first).succeeded()).isTrue();
        Map<String, String> afterRollback = FlowFixture.snapshot(targetDir);
        afterFirst.keySet().removeIf(k -> k.startsWith(".gitops"));
        afterRollback.keySet().removeIf(k -> k.startsWith(".gitops"));
        assertThat(afterRollback).isEqualTo(afterFirst);
    }

    private static String kubectlKustomize(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static String plainDocuments(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                all.append(Files.readString(f)).append("\n---\n");
            }
        }
        return all.toString();
    }

    /** Ids of a multi-document YAML stream, read with plain SnakeYAML: an independent oracle for the renderer. */
    @SuppressWarnings("unchecked")
    private static List<ResourceId> idsOf(String yamlStream) {
        List<ResourceId> ids = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yamlStream)) {
            if (doc instanceof Map<?, ?> m) {
                Map<String, Object> meta = (Map<String, Object>) m.get("metadata");
                String apiVersion = (String) m.get("apiVersion");
                ids.add(new ResourceId(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "",
                        (String) m.get("kind"), (String) meta.get("namespace"), (String) meta.get("name")));
            }
        }
        return ids;
    }
}
