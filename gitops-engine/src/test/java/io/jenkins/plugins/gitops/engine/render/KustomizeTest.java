package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTest {
    @TempDir
    Path repo;

    /** Substitution is opt-in (issue 12); these tests are about how it works once on. */
    private DesiredState render(String path, Map<String, String> variables) {
        return new Renderer(RenderOptions.defaults().withVariables(variables).withSubstitute(true), Progress.NONE)
                .render(new DirectorySnapshot(repo, path));
    }

    private DesiredState render(String path) {
        return render(path, Map.of());
    }

    private List<Problem> problems(String path) {
        return catchThrowableOfType(InvalidDesiredStateException.class, () -> render(path)).problems();
    }

    /** What kubectl itself prints for the directory, as resource ids. */
    private List<ResourceId> kubectlIds(String dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", repo.resolve(dir).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return SafeYaml.load("kubectl", output, RenderOptions.defaults(), Variables.OFF).stream()
                .map(LocatedDocument::body)
                .map(b -> new ResourceId(ResourceId.groupOf((String) b.get("apiVersion")), (String) b.get("kind"),
                        Documents.metadata(b).flatMap(m -> Documents.string(m, "namespace")).orElse(""),
                        Documents.metadata(b).flatMap(m -> Documents.string(m, "name")).orElseThrow()))
                .sorted().toList();
    }

    private static List<ResourceId> ids(DesiredState state) {
        return state.resources().stream().map(Resource::id).toList();
    }

    @Test
    void podinfoKustomizeRendersWhatKubectlPrintsWithSourceLines() throws Exception {
        TestRepos.copyCorpus("podinfo-kustomize", repo);
        DesiredState state = render("podinfo-kustomize");
        assertThat(ids(state)).hasSize(3).isEqualTo(kubectlIds("podinfo-kustomize"));
        assertThat(state.resources()).extracting(r -> r.id().kind() + " " + r.origin()).containsExactly(
                "Service podinfo-kustomize/service.yaml:1", "Deployment podinfo-kustomize/deployment.yaml:1",
                "HorizontalPodAutoscaler podinfo-kustomize/hpa.yaml:1");
        assertThat(state.resources()).allSatisfy(r -> assertThat(r.annotation(KustomizeOutput.ORIGIN_ANNOTATION)).isEmpty());
        assertThat(Files.readString(repo.resolve("podinfo-kustomize/kustomization.yaml")))
                .as("the checkout is restored").doesNotContain("buildMetadata");
    }

    @Test
    void podinfoProductionOverlayRenders25ResourcesTracedToTheirBases() throws Exception {
        TestRepos.copyCorpus("podinfo-deploy", repo);
        DesiredState state = render("podinfo-deploy/overlays/production");
        assertThat(ids(state)).hasSize(25).isEqualTo(kubectlIds("podinfo-deploy/overlays/production"));
        Map<ResourceId, Resource> byId = state.byId();
        assertThat(byId.get(new ResourceId("", "ServiceAccount", "production", "database")).origin())
                .isEqualTo(new Origin("podinfo-deploy/bases/database/serviceaccount.yaml", 1));
        assertThat(byId.get(new ResourceId("", "Namespace", "", "production")).origin())
                .isEqualTo(new Origin("podinfo-deploy/overlays/production/namespace.yaml", 1));
        assertThat(byId.get(new ResourceId("", "ConfigMap", "production", "backup-script")).origin())
                .isEqualTo(new Origin("podinfo-deploy/bases/database/kustomization.yaml", 0));
        Resource namespace = byId.get(new ResourceId("", "Namespace", "", "production"));
        assertThat(Documents.metadata(namespace.body()).orElseThrow()).doesNotContainKey("annotations");
    }

    @Test
    void microservicesDemoIsTheSameThroughKustomizeAndAsPlainFiles() throws Exception {
        TestRepos.copyCorpus("microservices-demo", repo);
        DesiredState kustomized = render("microservices-demo");
        assertThat(ids(kustomized)).isEqualTo(kubectlIds("microservices-demo"));

        Files.delete(repo.resolve("microservices-demo/kustomization.yaml"));
        // kustomization.yaml leaves loadgenerator.yaml out, and its shell script uses ${...} of its own.
        List<Problem> problems = problems("microservices-demo");
        assertThat(problems).extracting(Problem::toString).containsExactly(
                "microservices-demo/loadgenerator.yaml:44: variable ${FRONTEND_ADDR} has no value; supply it or write"
                        + " a default as ${FRONTEND_ADDR:=default}",
                "microservices-demo/loadgenerator.yaml:44: variable ${STATUSCODE} has no value; supply it or write"
                        + " a default as ${STATUSCODE:=default}");

        Files.delete(repo.resolve("microservices-demo/loadgenerator.yaml"));
        DesiredState plain = render("microservices-demo");
        assertThat(plain.resources()).extracting(Resource::body)
                .isEqualTo(kustomized.resources().stream().map(Resource::body).toList());
        assertThat(plain.digest()).isEqualTo(kustomized.digest());
        assertThat(kustomized.find(new ResourceId("apps", "Deployment", "", "frontend")).orElseThrow().origin())
                .isEqualTo(plain.find(new ResourceId("apps", "Deployment", "", "frontend")).orElseThrow().origin());
    }

    @Test
    void nestedKustomizationIsOneUnitNextToPlainFiles() {
        TestRepos.write(repo, "env/plain.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n");
        TestRepos.write(repo, "env/app/kustomization.yaml", "resources: [cm.yaml]\nnamePrefix: app-\n");
        TestRepos.write(repo, "env/app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n");
        TestRepos.write(repo, "env/app/unused.yaml", "not: read\n");
        assertThat(render("env").resources()).extracting(r -> r.id().name() + " " + r.origin())
                .containsExactly("app-one env/app/cm.yaml:1", "plain env/plain.yaml:1");
    }

    @Test
    void variablesAreSubstitutedInKustomizeOutputAndReportedAtTheSourceFile() {
        TestRepos.write(repo, "kustomization.yaml", "resources: [app.yaml]\n");
        TestRepos.write(repo, "app.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  replicas: ${N}
                  image: "nginx:${TAG:=1.27}"
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                stringData:
                  password: ${PASSWORD}
                """);
        Map<String, Object> data = Documents.map(render("", Map.of("N", "3", "PASSWORD", "x")).find(
                new ResourceId("", "ConfigMap", "", "settings")).orElseThrow().body(), "data").orElseThrow();
        assertThat(data).containsEntry("replicas", 3).containsEntry("image", "nginx:1.27");
        assertThat(problems("")).extracting(Problem::toString).containsExactly(
                "app.yaml:1: variable ${N} has no value; supply it or write a default as ${N:=default}",
                "app.yaml:9: variable ${PASSWORD} has no value; supply it or write a default as ${PASSWORD:=default}");
    }

    @Test
    void referencesLeavingTheRepositoryAreRefusedAtTheirLine() {
        TestRepos.write(repo, "env/kustomization.yaml", """
                resources:
                  - ../base
                  - ../../outside.yaml
                  - /etc/passwd
                configMapGenerator:
                  - name: keys
                    files:
                      - id=../../../home/user/.ssh/id_rsa
                """);
        TestRepos.write(repo, "base/kustomization.yaml", """
                resources: [cm.yaml]
                patches:
                  - path: ../../patch.yaml
                """);
        TestRepos.write(repo, "base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        assertThat(problems("env")).extracting(Problem::toString).containsExactly(
                "base/kustomization.yaml:3: patch ../../patch.yaml leaves the repository; keep everything kustomize"
                        + " reads inside it",
                "env/kustomization.yaml:3: resource ../../outside.yaml leaves the repository; keep everything"
                        + " kustomize reads inside it",
                "env/kustomization.yaml:4: resource /etc/passwd leaves the repository; keep everything kustomize"
                        + " reads inside it",
                "env/kustomization.yaml:8: generator file ../../../home/user/.ssh/id_rsa leaves the repository; keep"
                        + " everything kustomize reads inside it");
    }

    @Test
    void remoteReferencesAndHelmChartsAreRefused() {
        TestRepos.write(repo, "kustomization.yaml", """
                resources:
                  - https://raw.githubusercontent.com/org/repo/main/deploy.yaml
                  - github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v1.0.6
                  - gitlab.example.com/team/manifests
                  - git@github.com:org/repo.git
                helmCharts:
                  - name: redis
                    repo: https://charts.example.com
                """);
        List<Problem> problems = problems("");
        assertThat(problems).extracting(p -> p.origin().line()).containsExactly(2, 3, 4, 5, 6);
        assertThat(problems.subList(0, 4)).allSatisfy(p -> assertThat(p.message())
                .contains("remote kustomize resources are not pinned to this commit; vendor them into the repository"));
        assertThat(problems.get(4).message()).startsWith("helmCharts is not supported");
    }

    @Test
    void kustomizeFailureNamesTheKustomizationWithRepositoryRelativePaths() {
        TestRepos.write(repo, "env/kustomization.yaml", "resources: [missing.yaml]\n");
        assertThat(problems("env")).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/kustomization.yaml", 0));
            assertThat(p.message()).startsWith("kustomize failed: ").contains("missing.yaml")
                    .doesNotContain(repo.toString());
        });
    }

    @Test
    void kustomizeFailureOfASecretGeneratorWithholdsKustomizesMessage() {
        TestRepos.write(repo, "base/kustomization.yaml",
                "secretGenerator:\n- name: creds\n  literals: [token=k0mpr0mised-value, token=second-value]\n");
        TestRepos.write(repo, "env/kustomization.yaml", "resources: [../base]\n");
        assertThat(problems("env")).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/kustomization.yaml", 0));
            assertThat(p.message()).startsWith("kustomize failed: its message is withheld").contains("kubectl kustomize env")
                    .doesNotContain("k0mpr0mised-value").doesNotContain("second-value");
        });
    }

    @Test
    void kustomizeFailureOverAPlainSecretWithholdsKustomizesMessage() {
        TestRepos.write(repo, "env/secret.yaml",
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\ndata: {other: TOPSECRETPLAIN}\n");
        TestRepos.write(repo, "env/kustomization.yaml", """
                resources: [secret.yaml]
                replacements:
                - source: {kind: Secret, name: s, fieldPath: metadata.name}
                  targets:
                  - select: {kind: Secret, name: s}
                    fieldPaths: [data.other.x]
                """);
        assertThat(problems("env")).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("kustomize failed: its message is withheld").doesNotContain("TOPSECRETPLAIN"));
    }

    @Test
    void nodeContentsInKustomizeErrorsAreNeverShown() {
        TestRepos.write(repo, "env/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ns}\ndata: {other: NODEVALUE}\n");
        TestRepos.write(repo, "env/kustomization.yaml", """
                resources: [cm.yaml]
                replacements:
                - source: {kind: ConfigMap, name: c, fieldPath: metadata.name}
                  targets:
                  - select: {kind: ConfigMap, name: c}
                    fieldPaths: [data.other.x]
                """);
        assertThat(problems("env")).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("kustomize failed: ").contains("data.other.x").contains("(node contents withheld)")
                .doesNotContain("NODEVALUE"));
    }

    @Test
    void missingKustomizeIsAnActionableError(@TempDir Path emptyBin) {
        TestRepos.write(repo, "env/kustomization.yaml", "resources: []\n");
        Renderer renderer = new Renderer(RenderOptions.defaults(), Progress.NONE,
                new Kustomize(emptyBin.toString(), Kustomize.DEFAULT_TIMEOUT));
        assertThatThrownBy(() -> renderer.render(new DirectorySnapshot(repo, "env")))
                .isInstanceOf(GitopsException.class)
                .hasMessage("kustomize directory env needs kubectl or kustomize on PATH; install one");
    }

    @Test
    void standaloneKustomizeIsUsedWhenKubectlIsMissing(@TempDir Path bin) throws IOException {
        Path fake = TestRepos.write(bin, "kustomize", "#!/bin/sh\n[ \"$1\" = build ] || exit 3\nexec /usr/bin/kubectl kustomize \"$2\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestRepos.copyCorpus("podinfo-kustomize", repo);
        Renderer renderer = new Renderer(RenderOptions.defaults(), Progress.NONE,
                new Kustomize(bin.toString(), Duration.ofSeconds(60)));
        assertThat(renderer.render(new DirectorySnapshot(repo, "podinfo-kustomize")).resources()).hasSize(3);
    }
}
