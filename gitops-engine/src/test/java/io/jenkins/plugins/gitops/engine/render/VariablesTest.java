package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariablesTest {
    private static final Variables VARS = Variables.of(Map.of("N", "3", "NAME", "web", "SECRET", "s3cr3t-value",
            "STRUCTURE", "{injected: true}", "EMPTY", ""));

    private final List<Problem> problems = new ArrayList<>();

    private Map<String, Object> load(String text) {
        List<LocatedDocument> docs = SafeYaml.load("app.yaml", text.getBytes(StandardCharsets.UTF_8),
                RenderOptions.defaults(), VARS, problems);
        return docs.isEmpty() ? Map.of() : docs.get(0).body();
    }

    @Test
    void plainScalarsAreRetypedAndQuotedOnesStayStrings() {
        Map<String, Object> body = load("""
                replicas: ${N}
                quoted: "${N}"
                single: '${N}'
                explicit: !!str ${N}
                mixed: ${NAME}-${N}
                empty: ${EMPTY}
                """);
        assertThat(body).containsEntry("replicas", 3).containsEntry("quoted", "3").containsEntry("single", "3")
                .containsEntry("explicit", "3").containsEntry("mixed", "web-3").containsEntry("empty", null);
    }

    @Test
    void defaultsApplyOnlyWhenTheVariableIsUnset() {
        assertThat(load("a: ${MISSING:=5}\nb: ${N:=9}\nc: ${MISSING:=}\n"))
                .containsEntry("a", 5).containsEntry("b", 3).containsEntry("c", null);
    }

    @Test
    void doubleDollarEscapesToALiteralReference() {
        assertThat(load("script: echo $${HOME} ${N}\n")).containsEntry("script", "echo ${HOME} 3");
    }

    @Test
    void annotationTurnsSubstitutionOffForOneResourceOnly() {
        List<LocatedDocument> docs = SafeYaml.load("app.yaml", """
                metadata:
                  annotations:
                    gitops.jenkins.io/substitute: disabled
                script: echo ${FRONTEND_ADDR} ${N}
                ---
                replicas: ${N}
                """.getBytes(StandardCharsets.UTF_8), RenderOptions.defaults(), VARS, problems);
        assertThat(problems).isEmpty();
        assertThat(docs.get(0).body()).containsEntry("script", "echo ${FRONTEND_ADDR} ${N}");
        assertThat(docs.get(1).body()).containsEntry("replicas", 3);
    }

    @Test
    void aValueCannotInjectStructure() {
        assertThat(load("spec: ${STRUCTURE}\n")).containsEntry("spec", "{injected: true}");
    }

    @Test
    void keysAreNotSubstituted() {
        assertThat(load("${N}: x\n")).containsEntry("${N}", "x");
    }

    @Test
    void unknownVariablesAreEachReportedAtTheirLineWithoutValues() {
        load("""
                a: ${SECRET}
                b: ${UNSET_ONE}
                c:
                  - ${UNSET_TWO} ${SECRET}
                """);
        assertThat(problems).extracting(Problem::origin)
                .containsExactly(new Origin("app.yaml", 2), new Origin("app.yaml", 4));
        assertThat(problems.get(0).message()).contains("${UNSET_ONE}", "has no value", "${UNSET_ONE:=default}");
        assertThat(problems.get(1).message()).contains("${UNSET_TWO}");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("s3cr3t"));
    }

    @Test
    void offLeavesReferencesAsWritten() {
        List<LocatedDocument> docs = SafeYaml.load("x.yaml", "a: ${N}\n".getBytes(StandardCharsets.UTF_8),
                RenderOptions.defaults(), Variables.OFF);
        assertThat(docs.get(0).body()).containsEntry("a", "${N}");
    }

    @Test
    void variableNamesAreChecked() {
        assertThatThrownBy(() -> Variables.of(Map.of("1BAD", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void varFileReadsDotenvLines(@TempDir Path dir) {
        Path file = TestRepos.write(dir, "vars.env", """
                # environment
                REPLICAS=3

                IMAGE = "nginx:1.27 # not a comment"
                TAG='v1'
                EMPTY=
                EQUALS=a=b
                """);
        assertThat(VariableFiles.parse(file)).containsExactly(Map.entry("REPLICAS", "3"),
                Map.entry("IMAGE", "nginx:1.27 # not a comment"), Map.entry("TAG", "v1"), Map.entry("EMPTY", ""),
                Map.entry("EQUALS", "a=b"));
    }

    @Test
    void varFileBadLineNamesFileAndLineButNotTheLine(@TempDir Path dir) {
        Path file = TestRepos.write(dir, "vars.env", "A=1\nthis is hunter2\n");
        assertThatThrownBy(() -> VariableFiles.parse(file)).isInstanceOf(GitopsException.class)
                .hasMessageContaining(file + ":2: expected KEY=VALUE").hasMessageNotContaining("hunter2");
    }

    @Test
    void varFileUnclosedQuoteAndDuplicatesAreErrors(@TempDir Path dir) {
        Path unclosed = TestRepos.write(dir, "a.env", "A=\"hunter2\n");
        assertThatThrownBy(() -> VariableFiles.parse(unclosed)).hasMessageContaining(unclosed + ":1:")
                .hasMessageNotContaining("hunter2");
        Path twice = TestRepos.write(dir, "b.env", "A=1\nA=2\n");
        assertThatThrownBy(() -> VariableFiles.parse(twice)).hasMessageContaining(twice + ":2: A is already defined at line 1");
    }

    /** Issue 13, point 15: near-miss syntax was applied literally with exit 0. */
    @Test
    void nearMissReferencesAreErrorsAtTheirLineWithoutQuotingTheValue() {
        load("""
                a: ${UNSET:-fallback}
                b: ${N-x}
                c: ${N:=${NAME}}
                d: ${ N }
                e: ${1BAD}
                f: pre ${N
                g: fine ${N} and $${LITERAL}
                """);
        assertThat(problems).extracting(p -> p.origin().line()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(problems).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("shell-style ${NAME:-...} is not supported"),
                m -> assertThat(m).contains("shell-style ${NAME-...} is not supported"),
                m -> assertThat(m).contains("default holds another reference"),
                m -> assertThat(m).contains("holds spaces"),
                m -> assertThat(m).contains("starts with a digit"),
                m -> assertThat(m).contains("not closed"));
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("fallback", "UNSET", "1BAD")
                .contains("${NAME:=default}"));
    }

    @Test
    void whereSubstitutionIsOffNearMissesAndReferencesStayAsWritten() {
        List<LocatedDocument> docs = SafeYaml.load("x.yaml", "a: ${UNSET:-x} ${N} ${A\n".getBytes(StandardCharsets.UTF_8),
                RenderOptions.defaults(), Variables.OFF);
        assertThat(docs.get(0).body()).containsEntry("a", "${UNSET:-x} ${N} ${A");
    }
}
