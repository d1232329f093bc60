package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.testing.WarningLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm charts rendered by the real Helm (a helm binary or the bundled library in a child JVM), from real Git repositories. */
class HelmChartTest {
    @TempDir
    Path tmp;
    private GitRepoFixture repo;

    @BeforeEach
    void init() {
        repo = GitRepoFixture.init(tmp.resolve("repo"));
    }

    private static Map<String, Object> body(Environment env, String group, String kind, String name) {
        return body(env, new ResourceId(group, kind, "", name));
    }

    private static Map<String, Object> body(Environment env, ResourceId id) {
        return env.desired().find(id).orElseThrow(
                () -> new AssertionError(id + " not rendered; got " + env.desired().resources().stream()
                        .map(Resource::id).toList())).body();
    }

    @Test
    void podinfoChartRendersWithTheEnvironmentsReleaseValuesAndKubeVersion() throws Exception {
        repo.copyTree(TestRepos.corpus("podinfo-chart"), "envs/prod/podinfo");
        repo.write("envs/prod/.gitops.yaml", """
                helm:
                  releaseName: web
                  namespace: shop
                  valuesFiles: [values-prod.yaml]
                  values:
                    replicaCount: 3
                    hpa: {enabled: false}
                    ui: {message: from-gitops}
                  kubeVersion: v1.30.0
                """);
        repo.commit("podinfo chart");

        Environment env = TestRepos.load(repo, "envs/prod", Map.of());
        ResourceId web = new ResourceId("apps", "Deployment", "shop", "web-podinfo");
        Map<String, Object> deployment = body(env, web);
        assertThat(Documents.metadata(deployment).orElseThrow()).containsEntry("namespace", "shop");
        assertThat(Documents.map(deployment, "spec").orElseThrow()).containsEntry("replicas", 3);
        assertThat(deployment.toString()).contains("from-gitops");
        // helm.values win over values-prod.yaml, which turns the autoscaler on (and the replica count off).
        assertThat(env.desired().resources()).extracting(r -> r.id().kind()).doesNotContain("HorizontalPodAutoscaler");
        // values-prod.yaml turns the Redis cache on: its resources exist only because that file was applied.
        assertThat(env.desired().resources()).extracting(r -> r.id().name()).contains("web-podinfo-redis");
        assertThat(env.desired().find(web).orElseThrow().origin())
                .isEqualTo(new Origin("envs/prod/podinfo/templates/deployment.yaml", 0));
        assertThat(env.desired().resources()).allSatisfy(r -> assertThat(r.origin().file())
                .startsWith("envs/prod/podinfo/templates/"));
    }

    @Test
    void theReleaseNamespaceIsDefaultElseTheTargetsElseTheEnvironmentsOwn() throws Exception {
        repo.copyTree(TestRepos.corpus("podinfo-chart"), "plain/podinfo");
        repo.copyTree(TestRepos.corpus("podinfo-chart"), "named/podinfo");
        repo.write("named/.gitops.yaml", "helm:\n  namespace: shop\n");
        repo.copyTree(TestRepos.corpus("podinfo-chart"), "released/podinfo");
        repo.write("released/.gitops.yaml", "helm:\n  releaseName: web\n");
        repo.commit("three environments");
        RenderOptions team = RenderOptions.defaults().withHelm(HelmSettings.DEFAULTS.withNamespace("team"));

        assertThat(namespaces(TestRepos.load(repo, "plain", Map.of()))).containsOnly("default");
        assertThat(namespaces(loadWith(team, "plain"))).containsOnly("team");
        assertThat(namespaces(loadWith(team, "released"))).containsOnly("team");
        assertThat(namespaces(loadWith(team, "named"))).containsOnly("shop");
    }

    private Environment loadWith(RenderOptions options, String path) {
        return new EnvironmentLoader(options, List.of(), Progress.NONE).load(new SourceSpec(repo.dir().toString(),
                null, path));
    }

    private static List<String> namespaces(Environment env) {
        return env.desired().resources().stream().map(r -> r.id().namespace()).toList();
    }

    @Test
    void aTemplateCallingRandomFunctionsIsNamedInAWarningWithItsResourcesAndTheWayOut() {
        repo.write("env/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        repo.write("env/app/templates/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: {{ randAlphaNum 16 | quote }}
                """);
        repo.write("env/app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stable\n");
        repo.commit("random password");
        WarningLog progress = new WarningLog();

        new EnvironmentLoader(RenderOptions.defaults(), List.of(), progress).load(new SourceSpec(
                repo.dir().toString(), null, "env"));

        assertThat(progress.warnings()).singleElement().satisfies(w -> assertThat(w).contains("env/app/templates/secret.yaml",
                "randAlphaNum", "Secret db", "existing-secret", "ignoreDifferences").doesNotContain("stable"));
    }

    @Test
    void aKubernetesVersionTheChartRefusesIsAnErrorAtChartYaml() throws Exception {
        repo.copyTree(TestRepos.corpus("podinfo-chart"), "envs/old/podinfo");
        repo.write("envs/old/.gitops.yaml", "helm:\n  kubeVersion: v1.20.0\n");
        repo.commit("old cluster");
        assertThat(TestRepos.problems(repo, "envs/old", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("envs/old/podinfo/Chart.yaml", 0));
            assertThat(p.message()).contains("helm template failed", "kubeVersion", "v1.20.0");
        });
    }

    @Test
    void dependenciesComeFromChartsFolderAndCrdsAreIncluded() {
        writeChartWithDependencyAndCrd("env/app");
        repo.commit("chart");
        Environment env = TestRepos.load(repo, "env", Map.of());
        assertThat(env.desired().resources()).extracting(r -> r.id().kind() + " " + r.id().name() + " " + r.origin())
                .containsExactlyInAnyOrder(
                        "CustomResourceDefinition widgets.example.com env/app/crds/widget.yaml:1",
                        "ConfigMap app-settings env/app/templates/cm.yaml",
                        "ConfigMap sub-settings env/app/charts/sub/templates/cm.yaml");
        assertThat(Documents.map(body(env, "", "ConfigMap", "app-settings"), "data").orElseThrow())
                .containsEntry("greeting", "hello").containsEntry("kube", HelmSettings.DEFAULT_KUBE_VERSION);
    }

    @Test
    void aDependencyNotVendoredIsAnErrorNotADownload() {
        writeChartDependingOnRedis();
        repo.commit("missing dependency");
        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin().file()).isEqualTo("env/app/Chart.yaml");
            assertThat(p.message()).contains("depends on redis", "not in env/app/charts/ at commit",
                    "helm dependency build", "commit env/app/charts/").doesNotContain("git add -f");
        });
    }

    @Test
    void aDependencyBuiltButGitIgnoredIsNamedWithTheGitAddRemedy() {
        writeChartDependingOnRedis();
        repo.write(".gitignore", "charts/*.tgz\n");
        repo.commit("dependency declared");
        repo.write("env/app/charts/redis-1.0.0.tgz", "built by helm dependency build, ignored by git");
        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> assertThat(p.message())
                .contains("the working tree has env/app/charts/redis-1.0.0.tgz but the commit does not",
                        "git add -f env/app/charts/redis-1.0.0.tgz"));
    }

    @Test
    void aTemplateErrorNamesTheTemplateFileAndLine() {
        repo.write("env/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        repo.write("env/app/templates/good.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n");
        repo.write("env/app/templates/bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bad
                data:
                  a: b
                  c: {{ .Values.missing.deep }}
                """);
        repo.commit("failing template");
        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/app/templates/bad.yaml", 7));
            assertThat(p.message()).contains("helm template failed", "env/app/templates/bad.yaml:7")
                    .doesNotContain("--debug");
        });
    }

    @Test
    void aValuesFileMustBeInTheChart() {
        repo.write("env/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        repo.write("env/app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        repo.write("env/.gitops.yaml", "helm:\n  valuesFiles: [values-staging.yaml]\n");
        repo.commit("missing values file");
        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> assertThat(p.message())
                .contains("values file values-staging.yaml is not in chart env/app"));
    }

    @Test
    void kustomizeAndAChartRenderSideBySideAndVariablesReachChartOutput() {
        writeChartWithDependencyAndCrd("env/chart");
        repo.write("env/app/kustomization.yaml", "resources: [cm.yaml]\nnamePrefix: k-\n");
        repo.write("env/app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  v: ${V}\n");
        repo.write("env/plain.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n");
        repo.commit("kustomize plus chart");
        Environment env = TestRepos.load(repo, "env", Map.of("V", "from-var"));
        assertThat(env.desired().resources()).extracting(r -> r.id().name())
                .containsExactlyInAnyOrder("widgets.example.com", "chart-settings", "sub-settings", "k-one", "plain");
        assertThat(Documents.map(body(env, "", "ConfigMap", "k-one"), "data").orElseThrow())
                .containsEntry("v", "from-var");
    }

    @Test
    void kustomizesHelmChartsGeneratorIsRefusedWithTheWayOut() {
        repo.write("env/kustomization.yaml", """
                helmCharts:
                  - name: podinfo
                    repo: https://stefanprodan.github.io/podinfo
                    version: 6.14.1
                """);
        repo.commit("helmCharts");
        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/kustomization.yaml", 1));
            assertThat(p.message()).contains("helmCharts is not supported", "directory with Chart.yaml",
                    ".gitops.yaml");
        });
    }

    private void writeChartDependingOnRedis() {
        repo.write("env/app/Chart.yaml", """
                apiVersion: v2
                name: app
                version: 0.1.0
                dependencies:
                  - name: redis
                    version: 1.0.0
                    repository: https://charts.example.invalid
                """);
        repo.write("env/app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    }

    private void writeChartWithDependencyAndCrd(String dir) {
        repo.write(dir + "/Chart.yaml", """
                apiVersion: v2
                name: app
                version: 0.1.0
                dependencies:
                  - name: sub
                    version: 0.1.0
                """);
        repo.write(dir + "/values.yaml", "greeting: hello\n");
        repo.write(dir + "/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  greeting: {{ .Values.greeting | quote }}
                  kube: {{ .Capabilities.KubeVersion.Version | quote }}
                """);
        repo.write(dir + "/templates/test.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{ .Release.Name }}-test
                  annotations:
                    helm.sh/hook: test
                spec:
                  containers: [{name: t, image: busybox}]
                """);
        repo.write(dir + "/crds/widget.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
                  scope: Namespaced
                  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
                """);
        repo.write(dir + "/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
        repo.write(dir + "/charts/sub/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub-settings\n");
    }
}
