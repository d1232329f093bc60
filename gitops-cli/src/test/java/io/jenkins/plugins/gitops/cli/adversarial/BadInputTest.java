package io.jenkins.plugins.gitops.cli.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.withData;
import static io.jenkins.plugins.gitops.engine.testing.Deployments.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed desired states, each committed on top of a good one that was already applied: plan and
 * apply --auto-approve both exit 1, say where the problem is, and leave the target byte-for-byte as it was.
 */
class BadInputTest {
    static final String ENV = "envs/prod";
    static final String GOOD_APP = configMap("settings", "color", "blue") + "---\n" + web(2);

    /** What a case changes in the repository, and the extra command-line arguments it needs. */
    interface Setup {
        List<String> apply(GitRepoFixture git, Path tmp) throws IOException;
    }

    record Case(String name, String expected, Setup setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case file(String name, String path, String content, String expected) {
        return new Case(name, expected, (git, tmp) -> {
            git.write(ENV + "/" + path, content);
            return List.of();
        });
    }

    static Case bytes(String name, String path, byte[] content, String expected) {
        return new Case(name, expected, (git, tmp) -> {
            git.write(ENV + "/" + path, content);
            return List.of();
        });
    }

    static Case varFile(String name, String lines, String expected) {
        return varFile(name, lines.getBytes(StandardCharsets.UTF_8), expected);
    }

    static Case varFile(String name, byte[] lines, String expected) {
        return new Case(name, expected, (git, tmp) -> {
            git.write(ENV + "/uses-var.yaml", withData("uses-var", "  v: ${A:=x}\n"));
            Path file = tmp.resolve("vars.env");
            Files.write(file, lines);
            return List.of("--var-file", file.toString());
        });
    }

    static Case kustomize(String name, Map<String, String> files, String expected) {
        return new Case(name, expected, (git, tmp) -> {
            files.forEach((path, content) -> git.write(path.startsWith("/") ? path.substring(1)
                    : ENV + "/kust/" + path, content));
            return List.of();
        });
    }

    static Stream<Case> cases() {
        String bad = ENV + "/bad.yaml";
        List<Case> cases = new ArrayList<>(List.of(
                file("yaml: unclosed flow sequence", "bad.yaml", withData("a", "  x: [1, 2\n"), bad + ":8"),
                file("yaml: bad indentation", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                        + " namespace: shop\n", bad + ":5"),
                file("yaml: unclosed quote", "bad.yaml", withData("a", "  x: \"open\n"), bad + ":"),
                file("yaml: tab indentation", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n",
                        bad + ":4"),
                file("yaml: duplicate top-level key", "bad.yaml", withData("a", "  x: y\n") + "kind: Secret\n",
                        bad + ":8"),
                file("yaml: duplicate nested key", "bad.yaml", withData("a", "  x: 1\n  x: 2\n"), bad + ":8"),
                file("yaml: alias bomb", "bad.yaml", aliasBomb(), bad + ":"),
                file("yaml: recursive alias", "bad.yaml", withData("a", "  x: &loop [*loop]\n"), bad + ":"),
                file("yaml: undefined alias", "bad.yaml", withData("a", "  x: *nowhere\n"), bad + ":7"),
                file("yaml: nested 200 levels deep", "bad.yaml",
                        withData("a", "  x: " + "[".repeat(200) + "]".repeat(200) + "\n"), bad + ":"),
                // Refused unparsed at the line of its value (issue 13, point 17: a value over 1 MiB).
                file("yaml: huge document over 3 MB", "bad.yaml",
                        withData("a", "  x: " + "y".repeat(3 * 1024 * 1024 + 10) + "\n"), bad + ":7"),
                file("yaml: control character", "bad.yaml", withData("a", "  x: bell\u0007\n"), bad + ":7"),
                file("yaml: document is a scalar", "bad.yaml", "just a sentence\n", bad + ":1"),
                file("yaml: document is a list", "bad.yaml", "- apiVersion: v1\n- kind: ConfigMap\n", bad + ":1"),
                file("yaml: key is a list", "bad.yaml", withData("a", "  ? [k]\n  : v\n"), bad + ":"),
                file("yaml: bad merge key", "bad.yaml", withData("a", "  <<: 5\n"), bad + ":"),
                file("yaml: custom tag", "bad.yaml", withData("a", "  x: !vault secret/path\n"), bad + ":7"),
                file("yaml: python object tag", "bad.yaml",
                        withData("a", "  x: !!python/object/apply:os.system [ls]\n"), bad + ":7"),
                file("yaml: bad timestamp tag", "bad.yaml", withData("a", "  x: !!timestamp not-a-time\n"), bad + ":7"),
                bytes("encoding: binary file", "bad.yaml", new byte[] {'a', ':', ' ', 0, 1, 2, (byte) 0xff}, bad + ":1"),
                bytes("encoding: latin-1 bytes", "bad.yaml", (withData("a", "  x: caf") + "\u00e9\n")
                        .getBytes(StandardCharsets.ISO_8859_1), bad + ":7"),
                bytes("encoding: UTF-16 with BOM", "bad.yaml", ("\uFEFF" + withData("a", "  x: y\n"))
                        .getBytes(StandardCharsets.UTF_16LE), bad + ":1"),
                bytes("encoding: BOM inside second document", "bad.yaml", (withData("a", "  x: y\n") + "---\n\uFEFF"
                        + withData("b", "  x: y\n")).getBytes(StandardCharsets.UTF_8), bad + ":"),
                file("identity: apiVersion missing", "bad.yaml", "kind: ConfigMap\nmetadata:\n  name: a\n", bad + ":1"),
                file("identity: apiVersion a number", "bad.yaml", "apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: a\n",
                        bad + ":1"),
                file("identity: apiVersion empty", "bad.yaml", "apiVersion: ''\nkind: ConfigMap\nmetadata:\n  name: a\n",
                        bad + ":1"),
                file("identity: kind missing", "bad.yaml", "apiVersion: v1\nmetadata:\n  name: a\n", bad + ":1"),
                file("identity: kind a map", "bad.yaml", "apiVersion: v1\nkind: {a: b}\nmetadata:\n  name: a\n",
                        bad + ":1"),
                file("identity: metadata a list", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [a]\n",
                        bad + ":1"),
                file("identity: name missing", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: shop\n",
                        bad + ":1"),
                file("identity: name a number", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 42\n",
                        bad + ":1"),
                file("identity: name with uppercase and underscore", "bad.yaml", withData("Web_App", ""), bad + ":1"),
                file("identity: name longer than 253", "bad.yaml", withData("a".repeat(254), ""), bad + ":1"),
                file("identity: name with a slash", "bad.yaml", withData("a/b", ""), bad + ":1"),
                file("identity: invalid namespace", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                        + "  namespace: Shop!\n", bad + ":1"),
                file("identity: Namespace name with a dot", "bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n"
                        + "  name: a.b\n", bad + ":1"),
                file("identity: RBAC name with a slash", "bad.yaml", "apiVersion: rbac.authorization.k8s.io/v1\n"
                        + "kind: Role\nmetadata:\n  name: a/b\n  namespace: shop\n", bad + ":1"),
                file("identity: generateName", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        + "  generateName: a-\n", bad + ":1"),
                file("duplicate resource in one file", "bad.yaml", withData("a", "") + "---\n" + withData("a", ""),
                        bad + ":8"),
                file("duplicate resource across files", "bad.yaml", withData("settings", ""), ENV + "/bad.yaml:1"),
                new Case("unknown variable", bad + ":7", (git, tmp) -> {
                    // Substitution is opt-in (issue 12): this environment turns it on.
                    git.write(ENV + "/.gitops.yaml", "substitute: true\n");
                    git.write(ENV + "/bad.yaml", withData("a", "  x: ${NOT_SET}\n"));
                    return List.of();
                }),
                file("bad wave annotation", "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                        + "  namespace: shop\n  annotations:\n    gitops.jenkins.io/wave: soon\n", bad + ":1"),
                file("list: without items", "bad.yaml", "apiVersion: v1\nkind: List\n", bad + ":1"),
                file("list: bad items", "bad.yaml", "apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n"
                        + "  metadata:\n    name: a\n- just a string\n", bad + ":4"),
                file("json: missing comma", "bad.json", "{\"apiVersion\": \"v1\",\n \"kind\": \"ConfigMap\"\n \"metadata\": {}}\n",
                        ENV + "/bad.json:3"),
                file("json: trailing garbage", "bad.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\","
                        + " \"metadata\": {\"name\": \"a\"}}\n}\n", ENV + "/bad.json:2"),
                file("json: missing name", "bad.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\","
                        + " \"metadata\": {}}\n", ENV + "/bad.json:1"),
                varFile("var-file: line without =", "A=1\nJUSTAKEY\n", "vars.env:2"),
                varFile("var-file: invalid key", "1A=1\n", "vars.env:1"),
                varFile("var-file: key defined twice", "A=1\n# c\nA=2\n", "vars.env:3"),
                varFile("var-file: unclosed quote", "A=\"open\n", "vars.env:1"),
                varFile("var-file: not UTF-8", "# latin-1\nA=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), "vars.env:2"),
                new Case("var: invalid name on the command line", "--var", (git, tmp) -> List.of("--var", "BAD-NAME=x")),
                kustomize("kustomize: missing resource file", Map.of("kustomization.yaml",
                        "resources:\n- missing.yaml\n"), ENV + "/kust/kustomization.yaml"),
                kustomize("kustomize: invalid kustomization yaml", Map.of("kustomization.yaml",
                        "resources:\n- a.yaml\n  - [\n"), ENV + "/kust/kustomization.yaml:"),
                kustomize("kustomize: resource with YAML error", Map.of("kustomization.yaml", "resources:\n- a.yaml\n",
                        "a.yaml", withData("a", "  x: [1\n")), "a.yaml"),
                kustomize("kustomize: patch of a missing resource", Map.of("kustomization.yaml",
                        "resources:\n- a.yaml\npatches:\n- path: p.yaml\n", "a.yaml", withData("a", "  x: y\n"),
                        "p.yaml", withData("nope", "  x: z\n")), ENV + "/kust/kustomization.yaml"),
                kustomize("kustomize: resource leaves the repository", Map.of("kustomization.yaml",
                        "resources:\n- ../../../../outside.yaml\n"), ENV + "/kust/kustomization.yaml:2"),
                kustomize("kustomize: absolute resource", Map.of("kustomization.yaml", "resources:\n- /etc/hosts\n"),
                        ENV + "/kust/kustomization.yaml:2"),
                kustomize("kustomize: remote resource", Map.of("kustomization.yaml",
                        "resources:\n- https://github.com/example/repo//base?ref=v1\n"), ENV + "/kust/kustomization.yaml:2"),
                kustomize("kustomize: helm chart", Map.of("kustomization.yaml", "helmCharts:\n- name: x\n"),
                        ENV + "/kust/kustomization.yaml:1"),
                kustomize("kustomize: generator literal without =", Map.of("kustomization.yaml",
                        "configMapGenerator:\n- name: g\n  literals:\n  - novalue\n"), ENV + "/kust/kustomization.yaml:4"),
                kustomize("kustomize: rendered resource invalid", Map.of("kustomization.yaml", "resources:\n- a.yaml\n",
                        "a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n"), ENV + "/kust/a.yaml"),
                file(".gitops.yaml: unknown setting", ".gitops.yaml", "ignoreDiferences: []\n", ENV + "/.gitops.yaml:1"),
                file(".gitops.yaml: syntax error", ".gitops.yaml", "ignoreDifferences: [\n", ENV + "/.gitops.yaml:"),
                file(".gitops.yaml: bad ignore rule", ".gitops.yaml", "ignoreDifferences:\n- jsonPointers: [nope]\n",
                        ENV + "/.gitops.yaml"),
                file(".gitops.yaml: two documents", ".gitops.yaml", "ignoreDifferences: []\n---\nfoo: 1\n",
                        ENV + "/.gitops.yaml")));
        return cases.stream();
    }

    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder(withData("a", ""))
                .append("  x: |\n    y\nbomb:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
            previous = c;
        }
        return yaml.toString();
    }

    @TempDir
    Path tmp;

    @Test
    void tableHoldsAtLeastFortyDistinctCases() {
        assertThat(cases().map(Case::name).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithLocationAndTargetUntouched(Case c) throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        git.write(ENV + "/app.yaml", GOOD_APP);
        git.commit("good");
        Path target = tmp.resolve("target");
        List<String> source = List.of("--repo", git.dir().toString(), "--path", ENV, "--target", "dir:" + target);
        Cli good = Cli.run(concat(List.of("apply", "--auto-approve"), source));
        assertThat(good.code()).as(good.toString()).isZero();

        List<String> extra = c.setup().apply(git, tmp);
        git.commit("bad: " + c.name());
        git.close();
        Map<String, String> before = TreeSnapshot.of(target);

        for (List<String> command : List.of(List.of("plan"), List.of("apply", "--auto-approve"))) {
            Cli run = Cli.run(concat(concat(command, source), extra));
            assertThat(run.code()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).as(run.toString()).contains(c.expected()).doesNotContain("This is a bug");
            assertThat(run.out()).as(run.toString()).isEmpty();
            assertThat(TreeSnapshot.of(target)).as(command + " changed the target").isEqualTo(before);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
