package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.model.DesiredState;
import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jsonnet rendered in-process from real Git repositories, compared object by object with what the reference
 * {@code jsonnet} tool (the C++ implementation, a Debian package that .ci/run installs) prints for the same files
 * and arguments.
 */
class JsonnetTest {
    @TempDir
    Path tmp;
    private GitRepoFixture repo;

    @BeforeEach
    void init() {
        repo = GitRepoFixture.init(tmp.resolve("repo"));
    }

    /**
     * The objects the reference jsonnet prints for these arguments, run in the repository's working tree: an
     * array's items, a List's items, or the one object.
     */
    private List<JsonNode> reference(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jsonnet"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(repo.dir().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("these tests compare with the reference jsonnet; install it (apt-get install"
                    + " jsonnet, as .ci/run does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<JsonNode> objects = new ArrayList<>();
        JsonNode root = Json.mapper().readTree(output);
        for (JsonNode node : root.isArray() ? root : List.of(root)) {
            if (node.path("kind").asText().endsWith("List") && node.has("items")) {
                node.get("items").forEach(objects::add);
            } else {
                objects.add(node);
            }
        }
        return objects;
    }

    /** Every reference object is rendered, equal field for field, located at {@code file}, and nothing else. */
    private static void assertSameObjects(DesiredState desired, List<JsonNode> expected, String file) {
        assertThat(expected).isNotEmpty();
        assertThat(desired.resources()).hasSameSizeAs(expected);
        for (JsonNode object : expected) {
            Resource resource = desired.resources().stream()
                    .filter(r -> r.id().kind().equals(object.path("kind").asText())
                            && r.id().name().equals(object.path("metadata").path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(object + " not rendered"));
            assertThat(Json.mapper().<JsonNode>valueToTree(resource.body())).isEqualTo(object);
            assertThat(resource.origin()).isEqualTo(new Origin(file, 0));
        }
    }

    @Test
    void argoCdsJsonnetGuestbookRendersAsTheReferenceJsonnetWithItsLibsonnetImported() throws Exception {
        repo.copyTree(TestRepos.corpus("argocd-example-apps/jsonnet-guestbook"), "apps/jsonnet-guestbook");
        repo.commit("jsonnet guestbook");

        Environment env = TestRepos.load(repo, "apps/jsonnet-guestbook", Map.of());

        assertSameObjects(env.desired(), reference("apps/jsonnet-guestbook/guestbook-ui.jsonnet"),
                "apps/jsonnet-guestbook/guestbook-ui.jsonnet");
        assertThat(env.desired().resources()).extracting(r -> r.id().kind()).containsExactlyInAnyOrder("Service",
                "Deployment");
    }

    @Test
    void argoCdsTlaGuestbookRendersWithItsDefaultsAndWithTheTopLevelArgumentsOfGitopsYaml() throws Exception {
        repo.copyTree(TestRepos.corpus("argocd-example-apps/jsonnet-guestbook-tla"), "apps/tla");
        repo.commit("tla guestbook");
        String file = "apps/tla/guestbook-ui.jsonnet";

        assertSameObjects(TestRepos.load(repo, "apps/tla", Map.of()).desired(), reference(file), file);

        // Strings as strings, a YAML number as code, a variable substituted, as Argo CD's tlas with code: true/false.
        repo.write("apps/tla/.gitops.yaml", """
                jsonnet:
                  tlas:
                    name: shop-ui
                    image: ${IMAGE}
                    replicas: 3
                    type: ClusterIP
                """);
        repo.commit("tlas");
        assertSameObjects(TestRepos.load(repo, "apps/tla", Map.of("IMAGE", "registry.example/shop:v2")).desired(),
                reference("--tla-str", "name=shop-ui", "--tla-str", "image=registry.example/shop:v2",
                        "--tla-code", "replicas=3", "--tla-str", "type=ClusterIP", file), file);

        // An argument the function does not take is an error, as in the reference jsonnet.
        repo.write("apps/tla/.gitops.yaml", "jsonnet:\n  tlas:\n    replica: 3\n");
        repo.commit("a typo");
        assertThat(TestRepos.problems(repo, "apps/tla", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(file, 0));
            assertThat(p.message()).contains("no parameter replica").contains("replicas");
        });

        // Argo CD's own list form, copied from an Application, gives the same.
        repo.write("apps/tla/.gitops.yaml", """
                jsonnet:
                  tlas:
                    - {name: name, value: shop-ui}
                    - {name: image, value: "${IMAGE}"}
                    - {name: replicas, value: "1 + 2", code: true}
                    - {name: type, value: ClusterIP, code: false}
                """);
        repo.commit("argo cd's form");
        assertSameObjects(TestRepos.load(repo, "apps/tla", Map.of("IMAGE", "registry.example/shop:v2")).desired(),
                reference("--tla-str", "name=shop-ui", "--tla-str", "image=registry.example/shop:v2",
                        "--tla-code", "replicas=3", "--tla-str", "type=ClusterIP", file), file);
    }

    @Test
    void theStandardLibraryNumbersAndStringsRenderAsTheReferenceJsonnet() throws Exception {
        // Written for this test: number formatting, std.manifest*, format strings, Unicode, comprehensions, merges.
        repo.copyTree(Path.of(JsonnetTest.class.getResource("/jsonnet").toURI()), "env");
        repo.commit("the standard library");

        assertSameObjects(TestRepos.load(repo, "env", Map.of()).desired(), reference("env/standard-library.jsonnet"),
                "env/standard-library.jsonnet");
    }

    @Test
    void externalVariablesLibrariesAndListsRenderAsTheReferenceJsonnet() throws Exception {
        repo.write("lib/k.libsonnet", """
                {
                  configMap(name, data):: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name }, data: data },
                }
                """);
        repo.write("envs/prod/main.jsonnet", """
                local k = import 'k.libsonnet';
                {
                  apiVersion: 'v1',
                  kind: 'List',
                  items: [
                    k.configMap('settings', { env: std.extVar('env'), replicas: std.toString(std.extVar('n') * 2) }),
                    k.configMap('empty', {}),
                  ],
                }
                """);
        repo.write("envs/prod/.gitops.yaml", """
                jsonnet:
                  extVars:
                    env: production
                    n: 21
                  libs: [lib]
                """);
        repo.commit("list, ext vars and a library");

        Environment env = TestRepos.load(repo, "envs/prod", Map.of());

        assertSameObjects(env.desired(), reference("-J", "lib", "--ext-str", "env=production", "--ext-code", "n=21",
                "envs/prod/main.jsonnet"), "envs/prod/main.jsonnet");
        assertThat(env.desired().resources()).hasSize(2);
    }

    @Test
    void libsonnetFilesAreImportsNotResourcesAndAreNotWarnedAbout() {
        repo.write("env/app.jsonnet", "(import 'parts.libsonnet').service");
        repo.write("env/parts.libsonnet", "{ service: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } } }");
        repo.commit("one import");
        List<String> warnings = new ArrayList<>();

        DesiredState desired = new EnvironmentLoader(RenderOptions.defaults(), List.of(), new Progress() {
            @Override
            public void update(String phase, int done, int total) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }).load(new SourceSpec(repo.dir().toString(), null, "env")).desired();

        assertThat(desired.resources()).singleElement().satisfies(r -> {
            assertThat(r.id().name()).isEqualTo("web");
            assertThat(r.origin()).isEqualTo(new Origin("env/app.jsonnet", 0));
        });
        assertThat(warnings).isEmpty();
    }

    @Test
    void errorsNameTheFileAndLineWhereJsonnetFailed() {
        repo.write("env/broken.jsonnet", """
                local lib = import 'lib.libsonnet';
                {
                  apiVersion: 'v1',
                  kind: 'ConfigMap',
                  metadata: { name: lib.missing },
                }
                """);
        repo.write("env/lib.libsonnet", "{\n  present: 1,\n  missing: error 'no name configured',\n}\n");
        repo.write("env/syntax.jsonnet", "{\n  a: 1,\n  b: ,\n}\n");
        repo.commit("broken");

        List<Problem> problems = TestRepos.problems(repo, "env", Map.of());

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/lib.libsonnet", 3));
            assertThat(p.message()).contains("no name configured").contains("rendering env/broken.jsonnet");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p.origin()).isEqualTo(new Origin("env/syntax.jsonnet", 3)));
    }

    @Test
    void importsStayInsideTheRepository() {
        repo.write("env/up.jsonnet", "\n(import '../../outside.libsonnet')");
        repo.write("env/absolute.jsonnet", "\n\n(importstr '/etc/hostname')");
        repo.write("env/link.jsonnet", "import 'evil.libsonnet'");
        repo.write("env/.gitops.yaml", "jsonnet:\n  libs: [lib]\n");
        repo.symlink("lib/evil.libsonnet", "/etc/hostname");
        repo.commit("imports out of the repository");

        List<Problem> problems = TestRepos.problems(repo, "env", Map.of());

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/up.jsonnet", 2));
            assertThat(p.message()).contains("leaves the repository");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/absolute.jsonnet", 3));
            assertThat(p.message()).contains("absolute path");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/link.jsonnet", 1));
            assertThat(p.message()).contains("points outside the repository");
        });
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("localhost"));
    }

    @Test
    void aRenderPastTheTimeLimitFailsNamingTheFileAndStopsEvaluating() throws Exception {
        repo.write("env/slow.jsonnet", """
                local inner(n) = std.foldl(function(acc, i) acc + 1, std.range(1, n), 0);
                { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'slow' },
                  data: { n: std.toString(std.foldl(function(acc, i) acc + inner(100000), std.range(1, 100000), 0)) } }
                """);
        repo.commit("slow");

        InvalidDesiredStateException refused;
        long started = System.nanoTime();
        try (SourceSnapshot snapshot = GitSource.open(new SourceSpec(repo.dir().toString(), null, "env"))) {
            Renderer renderer = new Renderer(RenderOptions.defaults(), Progress.NONE, Kustomize.onPath(),
                    new Jsonnet(Duration.ofSeconds(2)));
            refused = catchThrowableOfType(InvalidDesiredStateException.class, () -> renderer.render(snapshot));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(refused.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/slow.jsonnet", 0));
            assertThat(p.message()).contains("did not finish within 2 s");
        });
        // The evaluation was interrupted, not left running in the background.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (evaluationThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(evaluationThreads()).isZero();
    }

    private static long evaluationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("gitops-jsonnet ")).count();
    }

    @Test
    void aFileThatGivesNoObjectsIsAnErrorNamingIt() {
        repo.write("env/text.jsonnet", "'just text'");
        repo.write("env/mixed.jsonnet", "[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, 42]");
        repo.commit("not resources");

        List<Problem> problems = TestRepos.problems(repo, "env", Map.of());

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/text.jsonnet", 0));
            assertThat(p.message()).contains("gives a string");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/mixed.jsonnet", 0));
            assertThat(p.message()).contains("item 1").contains("a number");
        });
    }

    @Test
    void whatSjsonnetCannotDoIsAnErrorSayingSo() {
        repo.write("env/yaml.jsonnet", "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: std.parseYaml('name: a') }");
        repo.write("env/toml.jsonnet", "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' },\n"
                + "  data: { t: std.manifestTomlEx({ a: 1 }, '  ') } }");
        repo.commit("functions sjsonnet 0.4.9 lacks");

        List<Problem> problems = TestRepos.problems(repo, "env", Map.of());

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/yaml.jsonnet", 0));
            assertThat(p.message()).contains("std.parseYaml is not supported");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/toml.jsonnet", 2));
            assertThat(p.message()).contains("manifestTomlEx");
        });
    }

    @Test
    void aVariablesValueNeverAppearsInAJsonnetError() {
        repo.write("env/app.jsonnet", """
                function(password)
                  if std.length(password) < 40 then error 'password ' + password + ' is too short'
                  else { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: password } }
                """);
        repo.write("env/.gitops.yaml", "jsonnet:\n  tlas:\n    password: ${DB_PASSWORD}\n");
        repo.commit("secret argument");

        List<Problem> problems = TestRepos.problems(repo, "env", Map.of("DB_PASSWORD", "hunter2-but-longer"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/app.jsonnet", 2));
            assertThat(p.message()).contains("password *** is too short").doesNotContain("hunter2");
        });
        // A value that fits renders, and the Secret is known to come from variables.
        Environment env = TestRepos.load(repo, "env", Map.of("DB_PASSWORD", "x".repeat(40)));
        assertThat(env.secretsFromVariables()).hasSize(1);
    }

    @Test
    void anUnknownVariableInTheSettingsIsOneProblemAtGitopsYaml() {
        repo.write("env/a.jsonnet", "function(image) { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }");
        repo.write("env/b.jsonnet", "function(image) { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }");
        repo.write("env/.gitops.yaml", "substitute: true\njsonnet:\n  tlas:\n    image: ${IMAGE}\n");
        repo.commit("unknown variable");

        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/.gitops.yaml", 0));
            assertThat(p.message()).contains("jsonnet.tlas.image").contains("${IMAGE} has no value");
        });
    }

    @Test
    void anArgumentWhoseCodeFailsIsLocatedAtGitopsYaml() {
        repo.write("env/app.jsonnet", "function(n) { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }");
        repo.write("env/.gitops.yaml", "jsonnet:\n  tlas:\n    - {name: n, value: '1 +', code: true}\n");
        repo.commit("broken code");

        assertThat(TestRepos.problems(repo, "env", Map.of())).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("env/.gitops.yaml", 0));
            assertThat(p.message()).contains("tla-var n").contains("while rendering env/app.jsonnet");
        });
    }

    @Test
    void jsonnetOutputIsSubstitutedLikeEveryOtherManifestWhenSubstitutionIsOn() {
        repo.write("env/app.jsonnet", """
                { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
                  spec: { replicas: '${REPLICAS}', template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } }
                """);
        repo.commit("a variable in the output");

        Environment env = TestRepos.load(repo, "env", Map.of("REPLICAS", "4"));

        // Quoted in JSON, so it stays a string, as a quoted YAML value does.
        assertThat(env.desired().resources()).singleElement()
                .satisfies(r -> assertThat(r.body().toString()).contains("replicas=4"));
    }

    @Test
    void malformedSettingsAreRefusedNamingTheSetting() {
        repo.write("env/app.jsonnet", "{}");
        repo.write("env/.gitops.yaml", "jsonnet:\n  libs: [../elsewhere]\n");
        repo.commit("libs outside");
        assertThat(catchThrowableOfType(GitopsException.class, () -> TestRepos.load(repo, "env", Map.of())).getMessage())
                .contains("env/.gitops.yaml: jsonnet.libs").contains("leaves the repository");

        repo.write("env/.gitops.yaml", "jsonnet:\n  tla: {a: b}\n");
        repo.commit("a typo");
        assertThat(catchThrowableOfType(GitopsException.class, () -> TestRepos.load(repo, "env", Map.of())).getMessage())
                .contains("unknown key 'tla'").contains("tlas");
    }
}
