package io.jenkins.plugins.gitops.cli.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A saved plan applied after anything it pinned changed: a live resource edited, deleted or added, the plan
 * JSON edited (every top-level field, every change's action, id and live version), another commit, path,
 * target or variables. Every case is refused and the target stays byte-for-byte as it was.
 */
class StalePlanTest {
    static final String ENV = "envs/prod";

    @TempDir
    static Path tmp;
    static Path repo;
    static Path target;
    static Path pristine;
    static String c1;
    static String planJson;
    static Plan plan;

    /** Changes made before the apply, the apply's extra arguments, and words of the check that must refuse it. */
    record Case(String name, Consumer<Path> alter, List<String> args, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void planSecondCommitAgainstFirst() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        git.write(ENV + "/app.yaml", configMap("a", "v", "1") + "---\n" + configMap("b", "v", "1") + "---\n"
                + configMap("kept", "v", "1")
                + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: shop\nstringData:\n  pw: x\n");
        c1 = git.commit("one");
        repo = git.dir();
        target = tmp.resolve("target");
        assertThat(Cli.run(concat(List.of("apply", "--auto-approve"), source())).code()).isZero();
        git.write(ENV + "/app.yaml", configMap("a", "v", "${COLOR:=2}") + "---\n" + configMap("kept", "v", "1")
                + "---\n" + configMap("c", "v", "1")
                + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: shop\nstringData:\n  pw: x\n");
        git.write("envs/copy/app.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        git.commit("two");
        git.close();
        Path planFile = tmp.resolve("plan.json");
        Cli planned = Cli.run(concat(List.of("plan", "--out", planFile.toString(), "--var", "COLOR=green"), source()));
        assertThat(planned.code()).as(planned.toString()).isEqualTo(2);
        planJson = Files.readString(planFile);
        plan = PlanFile.read(planFile);
        assertThat(plan.changes()).extracting(Change::action)
                .contains(Action.CREATE, Action.UPDATE, Action.DELETE, Action.NOOP);
        pristine = tmp.resolve("pristine");
        Trees.replace(target, pristine);
    }

    static List<String> source() {
        return List.of("--repo", repo.toString(), "--path", ENV, "--target", "dir:" + target);
    }

    static Path fileOf(Change c) {
        String group = c.id().group().isEmpty() ? "_core" : c.id().group();
        String ns = c.id().namespace().isEmpty() ? "_cluster" : c.id().namespace();
        return target.resolve(group).resolve(c.id().kind()).resolve(ns).resolve(c.id().name() + ".yaml");
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<String> vars = List.of("--var", "COLOR=green");
        for (Change c : plan.changes()) {
            if (c.liveVersion() != null) {
                cases.add(new Case("live " + c.id() + " edited", dir -> append(fileOf(c), "# edited by hand\n"), vars,
                        c.id() + " (changed since)"));
                cases.add(new Case("live " + c.id() + " deleted", dir -> delete(fileOf(c)), vars,
                        c.id() + " (deleted since)"));
            } else {
                cases.add(new Case("live " + c.id() + " added",
                        dir -> write(fileOf(c), configMap(c.id().name(), "v", "9")), vars, c.id() + " (created since)"));
            }
        }
        ObjectNode original = parse(planJson);
        for (Iterator<String> fields = original.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (INFORMATIONAL.contains(field)) {
                continue;
            }
            // Plan format 2 is this version's own (a plan that runs a hook), so a format beyond it is the newer one.
            cases.add(edited("plan field " + field + " mutated", original, node -> node.set(field,
                    field.equals("format") ? IntNode.valueOf(3) : mutate(node.get(field))), MUTATED.get(field)));
            cases.add(edited("plan field " + field + " removed", original, node -> node.remove(field), REMOVED.get(field)));
        }
        for (int i = 0; i < plan.changes().size(); i++) {
            int index = i;
            Change c = plan.changes().get(i);
            Action other = c.action() == Action.NOOP ? Action.UPDATE : Action.NOOP;
            cases.add(edited("change " + c.id() + " action to " + other, original,
                    node -> change(node, index).put("action", other.name()), DOES_NOT_MATCH));
            cases.add(edited("change " + c.id() + " id renamed", original,
                    node -> ((ObjectNode) change(node, index).get("id")).put("name", c.id().name() + "x"),
                    c.liveVersion() == null ? DOES_NOT_MATCH : c.id() + "x (deleted since)"));
            cases.add(edited("change " + c.id() + " liveVersion mutated", original,
                    node -> change(node, index).set("liveVersion", mutate(change(node, index).get("liveVersion"))),
                    c.id() + (c.liveVersion() == null ? " (deleted since)" : " (changed since)")));
            cases.add(edited("change " + c.id() + " removed", original,
                    node -> ((ArrayNode) node.get("changes")).remove(index), DOES_NOT_MATCH));
        }
        cases.add(new Case("other commit", dir -> { }, List.of("--var", "COLOR=green", "--ref", c1), OTHER_SOURCE));
        cases.add(new Case("other path", dir -> { }, List.of("--var", "COLOR=green", "--path", "envs/copy"),
                OTHER_SOURCE));
        cases.add(new Case("other target", dir -> Trees.replace(pristine, tmp.resolve("other")),
                List.of("--var", "COLOR=green", "--target", "dir:" + tmp.resolve("other")), OTHER_TARGET));
        cases.add(new Case("variable changed", dir -> { }, List.of("--var", "COLOR=red"), RENDERS_DIFFERENTLY));
        cases.add(new Case("variable missing", dir -> { }, List.of(), RENDERS_DIFFERENTLY));
        return cases.stream();
    }

    static final String ALTERED = "was altered after gitops wrote it";
    static final String OTHER_SOURCE = "but the source resolves to commit";
    static final String OTHER_TARGET = "the plan was made for target";
    static final String RENDERS_DIFFERENTLY = "renders differently now than when it was planned";
    static final String DOES_NOT_MATCH = "the plan does not match the desired state of commit";
    static final String FORMAT = "has plan format";
    static final String NEWER = "was written by a newer version of gitops-pipeline";

    /** Fields that only inform (the commit pins the content, not the repository's address): not checked. */
    static final Set<String> INFORMATIONAL = Set.of("repository", "createdAt");

    /**
     * The check that refuses a plan whose field was given another value, the plan's own digest recomputed so
     * that the digest check lets it through: each field is pinned by a check of its meaning.
     */
    static final Map<String, String> MUTATED = Map.of(
            "commit", "cannot read repository", "path", "does not exist at commit", "target", OTHER_TARGET,
            "desiredDigest", RENDERS_DIFFERENTLY, "liveFingerprint", "the target's inventory changed",
            "prune", DOES_NOT_MATCH, "changes", DOES_NOT_MATCH, "format", NEWER, "planDigest", ALTERED);
    /** The same for a field removed. */
    static final Map<String, String> REMOVED = Map.of(
            "commit", "it has no commit", "path", "it has no path", "target", "it has no target",
            "desiredDigest", "it has no desiredDigest", "liveFingerprint", "it has no liveFingerprint",
            "prune", "it has no prune", "changes", "it has no changes", "format", FORMAT, "planDigest", ALTERED);

    static Case edited(String name, ObjectNode original, Consumer<ObjectNode> edit, String reason) {
        return new Case(name, dir -> {
            ObjectNode copy = original.deepCopy();
            edit.accept(copy);
            if (!ALTERED.equals(reason)) {
                reseal(copy);
            }
            write(dir.resolve("plan.json"), copy.toPrettyString());
        }, List.of("--var", "COLOR=green"), reason);
    }

    /** The plan's self-digest as gitops computes it (over every other field, format included), after an edit. */
    static void reseal(ObjectNode plan) {
        plan.remove("planDigest");
        plan.put("planDigest", Canonical.sha256(Canonical.json(Json.mapper().convertValue(plan, Object.class))));
    }

    @Test
    void informationalFieldsDoNotBlockAnApply() throws IOException {
        Trees.replace(pristine, target);
        ObjectNode edited = parse(planJson);
        edited.put("repository", "https://git.example.com/moved.git");
        edited.put("createdAt", "2001-01-01T00:00:00Z");
        reseal(edited);
        Path file = tmp.resolve("informational.json");
        Files.writeString(file, edited.toPrettyString());

        Cli run = Cli.run(concat(List.of("apply", file.toString(), "--var", "COLOR=green"), source()));

        assertThat(run.code()).as(run.toString()).isZero();
    }

    @Test
    void anEditWithoutResealingIsRefusedByTheDigest() throws IOException {
        Trees.replace(pristine, target);
        ObjectNode edited = parse(planJson);
        edited.put("target", "dir:/elsewhere");
        Path file = tmp.resolve("unsealed.json");
        Files.writeString(file, edited.toPrettyString());

        Cli run = Cli.run(concat(List.of("apply", file.toString(), "--var", "COLOR=green"), source()));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(ALTERED);
    }

    static ObjectNode change(ObjectNode plan, int index) {
        return (ObjectNode) plan.get("changes").get(index);
    }

    static JsonNode mutate(JsonNode value) {
        if (value == null || value.isNull()) {
            return TextNode.valueOf("sha256:" + "0".repeat(64));
        }
        if (value.isBoolean()) {
            return BooleanNode.valueOf(!value.booleanValue());
        }
        if (value.isNumber()) {
            return Json.mapper().getNodeFactory().numberNode(value.intValue() + 1);
        }
        if (value.isArray()) {
            ArrayNode shorter = value.deepCopy();
            shorter.remove(0);
            return shorter;
        }
        String text = value.asText();
        // Keep a timestamp a timestamp, and a hex digest hex, so only the check of its meaning can refuse it.
        return TextNode.valueOf(text.matches("\\d{4}-.*Z") ? text.replaceFirst("^\\d{4}", "2001")
                : text.substring(0, text.length() - 1) + (text.endsWith("0") ? "1" : "0"));
    }

    @Test
    void everyGeneratedCaseIsDistinct() {
        assertThat(cases().map(Case::name).distinct().count()).isEqualTo(cases().count()).isGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAndNothingApplied(Case c) throws IOException {
        Trees.replace(pristine, target);
        Path dir = Files.createTempDirectory(tmp, "case");
        Files.writeString(dir.resolve("plan.json"), planJson);
        c.alter().accept(dir);
        Map<String, String> before = TreeSnapshot.of(target);

        List<String> args = new ArrayList<>(List.of("apply", dir.resolve("plan.json").toString(), "--repo",
                repo.toString()));
        if (!c.args().contains("--target")) {
            args.addAll(List.of("--target", "dir:" + target));
        }
        args.addAll(c.args());
        Cli run = Cli.run(args);
        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.err().toLowerCase(java.util.Locale.ROOT)).as(run.toString())
                .containsAnyOf("nothing was applied", "plan format", "newer version", "cannot read repository", "does not exist at commit")
                .doesNotContain("this is a bug");
        assertThat(run.err()).as(run.toString()).contains(c.reason());
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
        if (c.args().contains("--target")) {
            assertThat(TreeSnapshot.of(tmp.resolve("other"))).isEqualTo(TreeSnapshot.of(pristine));
        }
    }

    @Test
    void unalteredPlanStillApplies() throws IOException {
        Trees.replace(pristine, target);
        Path file = tmp.resolve("fresh.json");
        Files.writeString(file, planJson);
        Cli run = Cli.run(concat(List.of("apply", file.toString(), "--var", "COLOR=green"), source()));
        assertThat(run.code()).as(run.toString()).isZero();
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void append(Path file, String text) {
        write(file, read(file) + text);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        return BadInputTest.concat(a, b);
    }
}
