package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;
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

    /** Changes made before the apply, and the apply's extra arguments. */
    record Case(String name, Consumer<Path> alter, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void planSecondCommitAgainstFirst() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        git.write(ENV + "/app.yaml", cm("a", "1") + "---\n" + cm("b", "1") + "---\n" + cm("kept", "1")
                + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: shop\nstringData:\n  pw: x\n");
        c1 = git.commit("one");
        repo = git.dir();
        target = tmp.resolve("target");
        assertThat(Cli.run(concat(List.of("apply", "--auto-approve"), source())).code()).isZero();
        git.write(ENV + "/app.yaml", cm("a", "${COLOR:=2}") + "---\n" + cm("kept", "1") + "---\n" + cm("c", "1")
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
        copy(target, pristine);
    }

    static String cm(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: shop\ndata:\n  v: \""
                + value + "\"\n";
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
                cases.add(new Case("live " + c.id() + " edited", dir -> append(fileOf(c), "# edited by hand\n"), vars));
                cases.add(new Case("live " + c.id() + " deleted", dir -> delete(fileOf(c)), vars));
            } else {
                cases.add(new Case("live " + c.id() + " added", dir -> write(fileOf(c), cm(c.id().name(), "9")), vars));
            }
        }
        ObjectNode original = parse(planJson);
        for (Iterator<String> fields = original.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            cases.add(edited("plan field " + field + " mutated", original, node -> node.set(field, mutate(node.get(field)))));
            cases.add(edited("plan field " + field + " removed", original, node -> node.remove(field)));
        }
        for (int i = 0; i < plan.changes().size(); i++) {
            int index = i;
            Change c = plan.changes().get(i);
            Action other = c.action() == Action.NOOP ? Action.UPDATE : Action.NOOP;
            cases.add(edited("change " + c.id() + " action to " + other, original,
                    node -> change(node, index).put("action", other.name())));
            cases.add(edited("change " + c.id() + " id renamed", original,
                    node -> ((ObjectNode) change(node, index).get("id")).put("name", c.id().name() + "x")));
            cases.add(edited("change " + c.id() + " liveVersion mutated", original,
                    node -> change(node, index).set("liveVersion", mutate(change(node, index).get("liveVersion")))));
            cases.add(edited("change " + c.id() + " removed", original,
                    node -> ((ArrayNode) node.get("changes")).remove(index)));
        }
        cases.add(new Case("other commit", dir -> { }, List.of("--var", "COLOR=green", "--ref", c1)));
        cases.add(new Case("other path", dir -> { }, List.of("--var", "COLOR=green", "--path", "envs/copy")));
        cases.add(new Case("other target", dir -> copy(pristine, tmp.resolve("other")),
                List.of("--var", "COLOR=green", "--target", "dir:" + tmp.resolve("other"))));
        cases.add(new Case("variable changed", dir -> { }, List.of("--var", "COLOR=red")));
        cases.add(new Case("variable missing", dir -> { }, List.of()));
        return cases.stream();
    }

    static Case edited(String name, ObjectNode original, Consumer<ObjectNode> edit) {
        return new Case(name, dir -> {
            ObjectNode copy = original.deepCopy();
            edit.accept(copy);
            write(dir.resolve("plan.json"), copy.toPrettyString());
        }, List.of("--var", "COLOR=green"));
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
        copy(pristine, target);
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
                .containsAnyOf("nothing was applied", "plan format").doesNotContain("this is a bug");
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
        if (c.args().contains("--target")) {
            assertThat(TreeSnapshot.of(tmp.resolve("other"))).isEqualTo(TreeSnapshot.of(pristine));
        }
    }

    @Test
    void unalteredPlanStillApplies() throws IOException {
        copy(pristine, target);
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

    static void copy(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                FileUtils.delete(to.toFile(), FileUtils.RECURSIVE);
            }
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path copy = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(p, copy);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        return BadInputTest.concat(a, b);
    }
}
