package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
    @TempDir
    Path repo;

    private DesiredState render(String path) {
        return new Renderer(RenderOptions.defaults(), Progress.NONE).render(new DirectorySnapshot(repo, path));
    }

    private List<Problem> problems(String path) {
        return catchThrowableOfType(InvalidDesiredStateException.class, () -> render(path)).problems();
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }

    @Test
    void plainFilesAreReadRecursivelySkippingHiddenAndOtherFiles() {
        TestRepos.write(repo, "env/a.yaml", configMap("a") + "---\n" + configMap("b"));
        TestRepos.write(repo, "env/sub/c.yml", configMap("c"));
        TestRepos.write(repo, "env/sub/d.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"d\"}}");
        TestRepos.write(repo, "env/.gitops.yaml", "not: a resource\n");
        TestRepos.write(repo, "env/.hidden/e.yaml", configMap("e"));
        TestRepos.write(repo, "env/README.md", "# docs\n");
        TestRepos.write(repo, "other/f.yaml", configMap("f"));
        List<int[]> progress = new ArrayList<>();
        DesiredState state = new Renderer(RenderOptions.defaults(), (phase, done, total) -> {
            assertThat(phase).isEqualTo("render");
            progress.add(new int[] {done, total});
        }).render(new DirectorySnapshot(repo, "env"));
        assertThat(state.resources()).extracting(r -> r.id().name()).containsExactly("a", "b", "c", "d");
        assertThat(state.resources()).extracting(Resource::origin).containsExactly(new Origin("env/a.yaml", 1),
                new Origin("env/a.yaml", 6), new Origin("env/sub/c.yml", 1), new Origin("env/sub/d.json", 1));
        assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("1/3", "2/3", "3/3");
    }

    @Test
    void resourceIdentityComesFromApiVersionKindNamespaceAndName() {
        TestRepos.write(repo, "app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                spec:
                  replicas: 2
                """);
        Resource web = render("").resources().get(0);
        assertThat(web.id()).isEqualTo(new ResourceId("apps", "Deployment", "shop", "web"));
        assertThat(web.apiVersion()).isEqualTo("apps/v1");
        assertThat(web.body()).containsEntry("spec", Map.of("replicas", 2));
    }

    @Test
    void listsAreExpandedIntoTheirItemsAtTheirOwnLines() {
        TestRepos.write(repo, "list.yaml", """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: one}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: two}
                """);
        assertThat(render("").resources()).extracting(r -> r.id() + " " + r.origin())
                .containsExactly("ConfigMap/one list.yaml:4", "Service/two list.yaml:7");
    }

    @Test
    void aHookMayHaveAGeneratedNameWhosePrefixStartsAValidName() {
        TestRepos.write(repo, "hooks.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: Migrate_
                  namespace: shop
                  annotations: {argocd.argoproj.io/hook: PreSync}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  namespace: Shop
                  annotations: {helm.sh/hook: pre-install}
                """);
        assertThat(problems("")).extracting(Problem::toString).containsExactly(
                "hooks.yaml:1: metadata.generateName 'Migrate_' cannot start a valid name: use lowercase letters,"
                        + " digits, '-' and '.', starting with a letter or digit",
                "hooks.yaml:8: metadata.namespace 'Shop' is not a valid namespace: use at most 63 lowercase letters,"
                        + " digits and '-', starting and ending with a letter or digit");
    }

    @Test
    void everyValidationProblemOfEveryFileIsListedInFileAndLineOrder() {
        TestRepos.write(repo, "a.yaml", """
                kind: ConfigMap
                metadata:
                  name: ok
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  generateName: job-
                ---
                apiVersion: v1
                kind: 7
                metadata:
                  name: Not_Valid
                  namespace: also.not.a.label
                """);
        TestRepos.write(repo, "b.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: x
                  namespace: UPPER
                ---
                apiVersion: v1
                kind: List
                """);
        List<Problem> problems = problems("");
        assertThat(problems).extracting(Problem::toString).containsExactly(
                "a.yaml:1: apiVersion is missing",
                "a.yaml:5: metadata.generateName is only supported on a hook (run once by every apply, under a name"
                        + " the target picks): a generated name cannot be planned or pruned; set metadata.name, or"
                        + " annotate a run-once Job with helm.sh/hook or argocd.argoproj.io/hook",
                "a.yaml:10: kind must be a non-empty string",
                "a.yaml:10: metadata.name 'Not_Valid' is not a valid name: use at most 253 lowercase letters, digits,"
                        + " '-' and '.', starting and ending with a letter or digit",
                "a.yaml:10: metadata.namespace 'also.not.a.label' is not a valid namespace: use at most 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit",
                "b.yaml:1: metadata.namespace 'UPPER' is not a valid namespace: use at most 63 lowercase letters,"
                        + " digits and '-', starting and ending with a letter or digit",
                "b.yaml:7: kind List needs items: a list of resources");
    }

    @Test
    void namesAreCheckedAsKubernetesDoes() {
        TestRepos.write(repo, "a.yaml", configMap("Not_Valid") + "---\n" + configMap("x".repeat(254)) + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: system:aggregate-to-edit
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: has.dots
                """);
        assertThat(problems("")).extracting(Problem::toString).containsExactly(
                "a.yaml:1: metadata.name 'Not_Valid' is not a valid name: use at most 253 lowercase letters, digits,"
                        + " '-' and '.', starting and ending with a letter or digit",
                "a.yaml:6: metadata.name '" + "x".repeat(254) + "' is not a valid name: use at most 253 lowercase"
                        + " letters, digits, '-' and '.', starting and ending with a letter or digit",
                "a.yaml:16: metadata.name 'has.dots' is not a valid namespace name: use at most 63 lowercase letters,"
                        + " digits and '-', starting and ending with a letter or digit");
    }

    @Test
    void duplicateResourcesNameBothLocations() {
        TestRepos.write(repo, "a.yaml", "# first\n" + configMap("same"));
        TestRepos.write(repo, "b/c.yaml", configMap("other") + "---\n" + configMap("same"));
        assertThat(problems("")).extracting(Problem::toString).containsExactly(
                "b/c.yaml:6: duplicate resource ConfigMap/same: also declared at a.yaml:2; keep one");
    }

    @Test
    void yamlAndValidationProblemsAreReportedTogether() {
        TestRepos.write(repo, "a.yaml", "a: [\n");
        TestRepos.write(repo, "b.yaml", configMap("b") + "  labels: {x: ${UNSET}}\n");
        TestRepos.write(repo, "c.yaml", configMap("C"));
        assertThat(problems("")).extracting(p -> p.origin().toString())
                .containsExactly("a.yaml:2", "b.yaml:5", "c.yaml:1");
    }

    @Test
    void variablesFromOptionsAreSubstituted() {
        TestRepos.write(repo, "a.yaml", configMap("${NAME}") + "data:\n  replicas: ${N}\n");
        DesiredState state = new Renderer(RenderOptions.defaults().withVariables(Map.of("NAME", "web", "N", "3")),
                Progress.NONE).render(new DirectorySnapshot(repo, ""));
        assertThat(state.resources().get(0).id().name()).isEqualTo("web");
        assertThat(state.resources().get(0).body()).containsEntry("data", Map.of("replicas", 3));
    }

    @Test
    void secretValuesInInvalidDocumentsNeverReachTheMessage() {
        TestRepos.write(repo, "secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: Creds
                stringData:
                  password: hunter2-one
                  password: hunter2-two
                  token: !vault hunter2-three
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: other}
                stringData: {key: "hunter2-four}
                """);
        InvalidDesiredStateException e = catchThrowableOfType(InvalidDesiredStateException.class, () -> render(""));
        assertThat(e.problems()).extracting(p -> p.origin().line()).containsExactly(7, 8, 14);
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    /** Issue 12, point 3: a file nothing renders is named in a warning, not dropped without a word. */
    @Test
    void everyFileNothingRendersIsNamedInAWarning() {
        TestRepos.write(repo, "env/a.yaml", configMap("a"));
        TestRepos.write(repo, "env/README.md", "# docs\n");
        TestRepos.write(repo, "env/scripts/run.sh", "echo hi\n");
        TestRepos.write(repo, "env/.gitops.yaml", "substitute: false\n");
        List<String> warnings = new ArrayList<>();
        DesiredState state = new Renderer(RenderOptions.defaults(), new Progress() {
            @Override
            public void update(String phase, int done, int total) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }).render(new DirectorySnapshot(repo, "env"));
        assertThat(state.resources()).extracting(r -> r.id().name()).containsExactly("a");
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("env/README.md is not rendered");
        assertThat(warnings.get(1)).startsWith("env/scripts/run.sh is not rendered");
    }

    @Test
    void libsonnetFilesAloneRenderNothingAndSaySo() {
        // Jsonnet libraries are imported by .jsonnet files; without one, the path renders nothing.
        TestRepos.write(repo, "guestbook/params.libsonnet", "{}\n");
        assertThat(problems("guestbook")).extracting(Problem::toString).containsExactly(
                "guestbook: nothing here renders: no .yaml, .yml, .json or .jsonnet file, kustomization or Helm chart;"
                        + " check --path");
    }

    @Test
    void aPathWithNoRenderableFileIsAnErrorNamingIt() {
        TestRepos.write(repo, "docs/README.md", "# docs\n");
        TestRepos.write(repo, "docs/.gitops.yaml", "substitute: true\n");
        assertThat(problems("docs")).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("docs", 0));
            assertThat(p.message()).startsWith("nothing here renders");
        });
    }
}
