package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.report.PlanMarkdown;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.pages.PageLinks;
import io.jenkins.plugins.gitops.pages.Phase;
import io.jenkins.plugins.gitops.pages.PlanHtml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values planted in every place a user may put one, through a whole life cycle (plan in every
 * format, apply of a saved plan, a failed apply, prune, a changed value, drift, history) and through every
 * error path: no value, nor its base64, appears in anything gitops prints or writes besides the target's
 * resource files themselves.
 */
class SecretLeakTest {
    static final String ENV = "envs/prod";
    /** Each value is planted once; its name says where. */
    static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static String secret(String where) {
        String value = "S" + (SECRETS.size() + 1) + "x" + where.replaceAll("[^a-z]", "") + "Zq7";
        SECRETS.put(where, value);
        return value;
    }

    static final String STRING_DATA = secret("stringdata");
    static final String DATA = secret("data base64");
    static final String VAR = secret("var");
    static final String VAR_FILE = secret("varfile");
    static final String VAR_FILE_QUOTED = secret("varfile quoted");
    static final String DEFAULT = secret("variable default");
    static final String MULTILINE = secret("multiline");
    static final String MALFORMED_DATA = secret("malformed data section");
    static final String LIST_ITEM = secret("list item");
    static final String JSON = secret("json");
    static final String OLD = secret("changed old");
    static final String NEW = secret("changed new");
    static final String PRUNED = secret("pruned");
    static final String LITERAL = secret("generator literal");
    static final String GEN_FILE = secret("generator file");
    static final String GEN_ENV = secret("generator env");
    static final String FAILING = secret("failing apply");
    static final String HAND_EDIT = secret("hand edited live");
    static final String TAB_LINE = secret("invalid tab");
    static final String UNCLOSED = secret("invalid quote");
    static final String BAD_NAME = secret("invalid name");
    static final String BAD_LITERAL = secret("bad literal");
    static final String DUP_LITERAL = secret("duplicate literal");
    static final String UNKNOWN_VAR = secret("unknown variable");
    static final String BAD_VAR_FILE = secret("bad varfile line");
    static final String BAD_VAR = secret("bad var");
    static final String DUP_KEY = secret("duplicate key");

    @TempDir
    Path tmp;
    final List<String> outputs = new ArrayList<>();

    static String secretDoc(String name, String body) {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n  namespace: shop\n" + body;
    }

    static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noPlantedSecretEverLeaves() throws Exception {
        assertThat(SECRETS).hasSizeGreaterThanOrEqualTo(20);
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        Path varFile = tmp.resolve("vars.env");
        Files.writeString(varFile, "# secrets\nFILE_SECRET=" + VAR_FILE + "\nQUOTED=\"" + VAR_FILE_QUOTED + "\"\n");
        Path target = tmp.resolve("target");
        List<String> source = List.of("--repo", git.dir().toString(), "--path", ENV, "--target", "dir:" + target,
                "--var", "VAR_SECRET=" + VAR, "--var-file", varFile.toString());

        git.write(ENV + "/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        git.write(ENV + "/secrets.yaml", String.join("---\n",
                secretDoc("s-string", "stringData:\n  pw: " + STRING_DATA + "\n"),
                secretDoc("s-data", "data:\n  pw: " + b64(DATA) + "\n"),
                secretDoc("s-var", "stringData:\n  pw: ${VAR_SECRET}\n  file: ${FILE_SECRET}\n  quoted: ${QUOTED}\n"),
                secretDoc("s-default", "stringData:\n  pw: ${UNSET:=" + DEFAULT + "}\n"),
                secretDoc("s-multiline", "stringData:\n  pem: |\n    line one\n    " + MULTILINE + "\n    end\n"),
                secretDoc("s-malformed", "data: " + MALFORMED_DATA + "\n"),
                secretDoc("s-change", "stringData:\n  pw: " + OLD + "\n"),
                secretDoc("s-pruned", "stringData:\n  pw: " + PRUNED + "\n")));
        git.write(ENV + "/list.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n"
                + "  metadata:\n    name: s-list\n    namespace: shop\n  stringData:\n    pw: " + LIST_ITEM + "\n");
        git.write(ENV + "/secret.json", "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\":"
                + " \"s-json\", \"namespace\": \"shop\"}, \"stringData\": {\"pw\": \"" + JSON + "\"}}\n");
        git.write(ENV + "/kust/kustomization.yaml", "namespace: shop\nsecretGenerator:\n- name: gen\n  literals:\n"
                + "  - pw=" + LITERAL + "\n  files:\n  - creds.txt\n  envs:\n  - creds.env\n");
        git.write(ENV + "/kust/creds.txt", GEN_FILE + "\n");
        git.write(ENV + "/kust/creds.env", "TOKEN=" + GEN_ENV + "\n");
        git.commit("first");

        Path plan1 = tmp.resolve("plan1.json");
        run(2, concat(List.of("plan", "--out", plan1.toString()), source));
        run(2, concat(List.of("plan", "-o", "json"), source));
        run(2, concat(List.of("plan", "-o", "markdown"), source));
        run(0, concat(List.of("apply", plan1.toString()), source));
        run(0, concat(List.of("verify"), source));

        // Second commit: a changed value, a pruned Secret, and a new Secret whose write fails.
        git.write(ENV + "/secrets.yaml", Files.readString(git.dir().resolve(ENV + "/secrets.yaml"))
                .replace(OLD, NEW).replaceFirst("(?s)---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s-pruned.*", ""));
        git.write(ENV + "/failing.yaml", secretDoc("s-fails", "stringData:\n  pw: " + FAILING + "\n"));
        git.commit("second");
        Path trap = target.resolve("_core/Secret/shop/.s-fails.yaml.tmp");
        Files.createDirectories(trap);
        Files.writeString(trap.resolve("blocker"), "a directory where the temp file goes makes the write fail\n");
        Path plan2 = tmp.resolve("plan2.json");
        run(2, concat(List.of("plan", "--out", plan2.toString()), source));
        run(2, concat(List.of("plan", "-o", "markdown"), source));
        Cli failed = run(1, concat(List.of("apply", "-o", "json", plan2.toString()), source));
        assertThat(failed.out()).contains("s-fails");
        assertThat(target.resolve("_core/Secret/shop/s-pruned.yaml")).exists(); // nothing pruned after a failure
        deleteTree(trap);
        run(0, concat(List.of("apply", "--auto-approve"), source));
        assertThat(target.resolve("_core/Secret/shop/s-pruned.yaml")).doesNotExist();

        // A hand edit of a live Secret shows as drift without either value.
        Path live = target.resolve("_core/Secret/shop/s-string.yaml");
        Files.writeString(live, Files.readString(live).replace(STRING_DATA, HAND_EDIT));
        assertThat(Files.readString(live)).contains(HAND_EDIT);
        for (String format : List.of("text", "json", "markdown")) {
            run(2, concat(List.of("verify", "-o", format), source));
        }
        run(0, List.of("history", "--target", "dir:" + target));
        run(0, List.of("history", "-o", "json", "--target", "dir:" + target));
        lockFileDuringApply(git, target, varFile);

        // Error paths: each invalid commit is refused by plan and apply, and the message holds no value.
        String good = Files.readString(git.dir().resolve(ENV + "/secrets.yaml"));
        invalid(git, source, ENV + "/bad.yaml", secretDoc("s-tab", "stringData:\n\tpw: " + TAB_LINE + "\n"));
        invalid(git, source, ENV + "/bad.yaml", secretDoc("s-quote", "stringData:\n  pw: \"" + UNCLOSED + "\n"));
        invalid(git, source, ENV + "/bad.yaml", secretDoc("Bad_Name", "stringData:\n  pw: " + BAD_NAME + "\n"));
        invalid(git, source, ENV + "/bad.yaml", secretDoc("s-unknown", "stringData:\n  pw: " + UNKNOWN_VAR
                + "\n  other: ${NOT_SET}\n"));
        invalid(git, source, ENV + "/bad.yaml", secretDoc("s-dup", "stringData:\n  pw: " + DUP_KEY + "\n  pw: x\n"));
        invalid(git, source, ENV + "/kust/kustomization.yaml", "secretGenerator:\n- name: bad\n  literals:\n"
                + "  - pw=" + LITERAL + "\n  - " + BAD_LITERAL + "\n");
        invalid(git, source, ENV + "/kust/kustomization.yaml", "secretGenerator:\n- name: bad\n  literals:\n"
                + "  - pw=" + DUP_LITERAL + "\n  - pw=" + DUP_LITERAL + "b\n");
        git.write(ENV + "/secrets.yaml", good);
        Path badVars = tmp.resolve("bad.env");
        Files.writeString(badVars, "OK=1\n1BAD=" + BAD_VAR_FILE + "\n");
        run(1, concat(List.of("plan", "--var-file", badVars.toString()), source));
        Files.writeString(badVars, "OK=\"" + BAD_VAR_FILE + "\n");
        run(1, concat(List.of("apply", "--auto-approve", "--var-file", badVars.toString()), source));
        run(1, concat(List.of("plan", "--var", "BAD-NAME=" + BAD_VAR), source));

        for (Path planFile : List.of(plan1, plan2)) {
            outputs.add(Files.readString(planFile));
            Plan plan = PlanFile.read(planFile);
            outputs.add(PlanMarkdown.render(plan, PlanMarkdown.CHECKS_API_LIMIT));
            outputs.add(PlanHtml.header(plan, Phase.PLAN, PageLinks.NONE));
            for (Action filter : new Action[] {null, Action.CREATE, Action.UPDATE, Action.DELETE}) {
                outputs.add(PlanHtml.changesPage(plan, Phase.PLAN,
                        new PlanHtml.Query(filter, "", 1, PlanHtml.MAX_PAGE_SIZE)));
            }
            // Each resource's diff is its own fragment on the build page.
            for (int i = 0; i < plan.changes().size(); i++) {
                outputs.add(PlanHtml.diff(plan, i, Phase.PLAN));
            }
        }
        outputs.addAll(TreeSnapshot.texts(target.resolve(".gitops")).values());

        assertThat(outputs).hasSizeGreaterThan(40);
        String all = String.join("\n", outputs);
        assertThat(all).contains("s-change", "s-pruned", "s-fails", "gen-", "***", "debug: Kustomize: ",
                "debug: StalePlanChecks: ");
        SECRETS.forEach((where, value) -> {
            assertThat(all).as("secret planted as " + where).doesNotContain(value).doesNotContain(b64(value));
        });
        // The target itself holds the values: proof that they were really planted and rendered.
        String stored = String.join("\n", TreeSnapshot.texts(target).values());
        assertThat(stored).contains(NEW, VAR, VAR_FILE, VAR_FILE_QUOTED, DEFAULT, MULTILINE, LIST_ITEM, JSON,
                FAILING, b64(LITERAL), b64(GEN_ENV));
    }

    /** The lock record exists only while an apply runs: read it at every write of one. */
    private void lockFileDuringApply(GitRepoFixture git, Path targetDir, Path varFile) {
        Path records = targetDir.resolve(".gitops");
        FailingTarget spy = new FailingTarget(new DirectoryTarget(targetDir), id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                outputs.addAll(TreeSnapshot.texts(records).values());
                return super.apply(resource);
            }
        };
        Map<String, String> vars = new LinkedHashMap<>(
                io.jenkins.plugins.gitops.engine.render.VariableFiles.parse(varFile));
        vars.put("VAR_SECRET", VAR);
        var env = new EnvironmentLoader(RenderOptions.defaults().withVariables(vars), List.of(), Progress.NONE)
                .load(new SourceSpec(git.dir().toString(), "HEAD", ENV));
        var result = new Applier(spy, Progress.NONE, Clock.systemUTC()).planAndApply(env, true,
                ApplyOptions.defaults("tester"));
        assertThat(result.succeeded()).isTrue();
        assertThat(outputs).anyMatch(text -> text.contains("\"holder\""));
    }

    private void invalid(GitRepoFixture git, List<String> source, String path, String content) {
        git.write(path, content);
        git.commit("invalid " + path);
        run(1, concat(List.of("plan"), source));
        run(1, concat(List.of("apply", "--auto-approve"), source));
        git.delete(path);
    }

    /** Every command runs with --debug, so the engine's debug lines are searched with all else it prints. */
    private Cli run(int expected, List<String> args) {
        return Cli.expect(expected, concat(args, List.of("--debug")), outputs);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        return BadInputTest.concat(a, b);
    }
}
