package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.InvalidDesiredStateException;
import io.jenkins.plugins.gitops.engine.model.Origin;
import io.jenkins.plugins.gitops.engine.model.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeYamlTest {
    private static final RenderOptions OPTIONS = RenderOptions.defaults();

    private static List<LocatedDocument> load(String text) {
        return SafeYaml.load("app.yaml", text.getBytes(StandardCharsets.UTF_8), OPTIONS, Variables.OFF);
    }

    private static List<Problem> problems(String file, byte[] content, RenderOptions options) {
        List<Problem> problems = new ArrayList<>();
        SafeYaml.load(file, content, options, Variables.OFF, problems);
        return problems;
    }

    private static List<Problem> problems(String text) {
        return problems("app.yaml", text.getBytes(StandardCharsets.UTF_8), OPTIONS);
    }

    @Test
    void plainScalarsAreTypedAndQuotedOnesStayStrings() {
        Map<String, Object> body = load("""
                replicas: 3
                quoted: "3"
                big: 4000000000
                ratio: 0.5
                enabled: true
                legacyBool: yes
                nothing: null
                hex: 0x1F
                date: 2024-01-02
                list: [a, 1]
                nested: {a: {b: c}}
                """).get(0).body();
        assertThat(body).containsEntry("replicas", 3).containsEntry("quoted", "3").containsEntry("big", 4_000_000_000L)
                .containsEntry("ratio", 0.5).containsEntry("enabled", true).containsEntry("legacyBool", "yes")
                .containsEntry("nothing", null).containsEntry("hex", 31).containsEntry("date", "2024-01-02")
                .containsEntry("list", List.of("a", 1)).containsEntry("nested", Map.of("a", Map.of("b", "c")));
    }

    @Test
    void documentsRememberTheirStartLineAndEmptyOnesAreSkipped() {
        List<LocatedDocument> docs = load("""
                # comment
                a: 1
                ---
                ---
                # only a comment
                ---
                b: 2
                """);
        assertThat(docs).extracting(LocatedDocument::origin)
                .containsExactly(new Origin("app.yaml", 2), new Origin("app.yaml", 7));
    }

    @Test
    void jsonGoesThroughTheSameLoaderEvenIndentedWithTabs() {
        List<LocatedDocument> docs = SafeYaml.load("cm.json",
                "{\n\t\"kind\": \"ConfigMap\",\n\t\"data\": {\"n\": 1}\n}\n".getBytes(StandardCharsets.UTF_8), OPTIONS,
                Variables.OFF);
        assertThat(docs.get(0).body()).containsEntry("kind", "ConfigMap").containsEntry("data", Map.of("n", 1));
    }

    @Test
    void rawTabInsideAJsonStringIsAnErrorAtItsLineNotASpace() {
        List<Problem> problems = new java.util.ArrayList<>();
        SafeYaml.load("cm.json", "{\n\t\"kind\": \"ConfigMap\",\n\t\"data\": {\"a\\\"b\": \"x\ty\"}\n}\n"
                .getBytes(StandardCharsets.UTF_8), OPTIONS, Variables.OFF, problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("cm.json", 3));
            assertThat(p.message()).contains("tab inside a JSON string");
        });
    }

    @Test
    void mergeKeysMergeWithoutOverridingExplicitKeys() {
        Map<String, Object> body = load("""
                base: &base {a: 1, b: 2}
                derived:
                  <<: *base
                  b: 3
                """).get(0).body();
        assertThat(body.get("derived")).isEqualTo(Map.of("a", 1, "b", 3));
    }

    @Test
    void syntaxErrorIsReportedAtItsLineWithoutTheSnippet() {
        List<Problem> problems = problems("""
                kind: Secret
                data:
                  password: hunter2secret: [oops
                """);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).origin()).isEqualTo(new Origin("app.yaml", 3));
        assertThat(problems.get(0).message()).startsWith("invalid YAML").doesNotContain("hunter2");
    }

    /**
     * Issue 25, point 2: the redaction turned every quoted snippet into "a character", so SnakeYAML's
     * {@code expected ',' or ']', but got ':'} read "expected a character or a character, but got :". Real
     * SnakeYAML messages keep their wording and punctuation; letters, digits, longer snippets and tags go.
     */
    @Test
    void yamlErrorsKeepTheParsersWordingAndPunctuationButNoValue() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("a: [b, c: S3cr3t: e]\n", "while parsing a flow sequence: expected ',' or ']', but got :");
        expected.put("a: {b: S3cr3t: c}\n", "while parsing a flow mapping: expected ',' or '}', but got :");
        expected.put("a: \"S3cr3t\" tail\n", "while parsing a block mapping: expected <block end>, but found"
                + " '<scalar>'");
        expected.put("a: b\n- S3cr3t\n", "while parsing a block mapping: expected <block end>, but found '-'");
        expected.put("a: @S3cr3t\n", "while scanning for the next token: found character '@' that cannot start any"
                + " token. (Do not use @ for indentation)");
        expected.put("a: \"S\\q3cr3t\"\n", "while scanning a double-quoted scalar: found unknown escape character"
                + " a letter or digit");
        expected.put("a: \"S3cr3t\\x4S3\"\n", "while scanning a double-quoted scalar: expected escape sequence of 2"
                + " hexadecimal numbers, but found: (text withheld)");
        expected.put("a: |S3cr3t\n  y\n", "while scanning a block scalar: expected chomping or indentation"
                + " indicators, but found a letter or digit");
        expected.put("a: [S3cr3t\n", "while parsing a flow sequence: expected ',' or ']', but got <stream end>");
        expected.put("a: 'S3cr3t\n", "while scanning a quoted scalar: found unexpected end of stream");
        expected.forEach((document, message) -> assertThat(problems(document)).as(document).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("invalid YAML: " + message)));
        // The forms SnakeYAML versions differ in (Jenkins' snakeyaml-api quotes the token it got), and a tag.
        assertThat(YamlDocuments.redact("expected ',' or ']', but got ':'")).isEqualTo("expected ',' or ']', but got ':'");
        assertThat(YamlDocuments.redact("found character 'S' that cannot start any token"))
                .isEqualTo("found character a letter or digit that cannot start any token");
        assertThat(YamlDocuments.redact("expected alphabetic or numeric character, but found ' '(32)"))
                .isEqualTo("expected alphabetic or numeric character, but found ' '(32)");
        assertThat(YamlDocuments.redact("Global tag is not allowed: tag:yaml.org,2002:S3cr3t"))
                .isEqualTo("Global tag is not allowed: (a tag)");
        assertThat(YamlDocuments.redact("found undefined alias S3cr3t; quoted 'S3cr3t' and \"S3cr3t\""))
                .isEqualTo("found undefined alias; quoted (text withheld) and (text withheld)");
    }

    @Test
    void tabIndentationIsNamed() {
        List<Problem> problems = problems("a:\n  b: 1\n\tc: 2\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("app.yaml", 3));
            assertThat(p.message()).contains("tab is used for indentation");
        });
    }

    @Test
    void duplicateKeyIsReportedAtTheSecondWithTheFirstLine() {
        List<Problem> problems = problems("""
                metadata:
                  name: a
                  labels: {}
                  name: b
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("app.yaml", 4));
            assertThat(p.message()).contains("duplicate key 'name'", "first at line 2").doesNotContain(": b");
        });
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        List<Problem> problems = problems(bomb.toString());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.origin().file()).isEqualTo("app.yaml");
            assertThat(p.origin().line()).isBetween(25, 27);
            assertThat(p.message()).contains("more than 50 aliases");
        });
    }

    @Test
    void aliasesBelowTheLimitCannotExpandWithoutBound() {
        RenderOptions manyAliases = new RenderOptions(Map.of(), false, HelmSettings.DEFAULTS, OPTIONS.maxDocumentBytes(), 1000, 100);
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        List<Problem> problems = problems("app.yaml", bomb.toString().getBytes(StandardCharsets.UTF_8), manyAliases);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("alias bomb"));
    }

    @Test
    void recursiveAliasIsRefused() {
        assertThat(problems("a: &x\n  b: *x\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("recursive YAML is not supported"));
    }

    @Test
    void nestingTooDeepIsRefused() {
        String deep = "a: " + "[".repeat(150) + "]".repeat(150) + "\n";
        assertThat(problems(deep)).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("app.yaml", 1));
            assertThat(p.message()).contains("nested deeper than 100 levels");
        });
    }

    @Test
    void oversizedDocumentNamesFileAndStartLine() {
        RenderOptions small = new RenderOptions(Map.of(), false, HelmSettings.DEFAULTS, 64, 50, 100);
        String text = "a: 1\n---\nkind: Big\ndata: " + "x".repeat(100) + "\n---\nb: 2\n";
        List<Problem> problems = problems("big.yaml", text.getBytes(StandardCharsets.UTF_8), small);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("big.yaml", 3));
            assertThat(p.message()).contains("starting at line 3", "larger than 64 bytes").doesNotContain("xxx");
        });
    }

    @Test
    void oversizedIsMeasuredInBytesNotCharacters() {
        RenderOptions small = new RenderOptions(Map.of(), false, HelmSettings.DEFAULTS, 64, 50, 100);
        String text = "data: " + "é".repeat(40) + "\n";
        assertThat(problems("utf.yaml", text.getBytes(StandardCharsets.UTF_8), small)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("larger than 64 bytes"));
    }

    @Test
    void invalidUtf8IsReportedAtTheLineOfTheFirstBadByte() {
        byte[] content = "a: 1\nb: 2\nc: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problems("latin1.yaml", content, OPTIONS)).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("latin1.yaml", 3));
            assertThat(p.message()).contains("not valid UTF-8");
        });
    }

    @Test
    void binaryFileIsRefused() {
        byte[] content = {'a', ':', ' ', '1', '\n', 0, 1, 2};
        assertThat(problems("image.yaml", content, OPTIONS)).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin("image.yaml", 2));
            assertThat(p.message()).contains("binary file");
        });
    }

    @Test
    void customTagsAreRefusedAndNothingIsInstantiated() {
        List<Problem> problems = problems("""
                a: !!java.io.File /etc/passwd
                b: !foo bar
                c: !!binary aGVsbG8=
                d: !!str 3
                """);
        assertThat(problems).extracting(Problem::origin)
                .containsExactly(new Origin("app.yaml", 1), new Origin("app.yaml", 2), new Origin("app.yaml", 3));
        // Issue 13, point 7: '!!x' is as much a possible password as '!x'; only YAML's own tags are named.
        assertThat(problems.get(0).message()).contains("a custom tag", "is not supported").doesNotContain("passwd",
                "java.io.File");
        assertThat(problems.get(2).message()).contains("the tag !!binary is not supported");
        // Issue 13, point 7: a custom tag is an unquoted value starting with '!', perhaps a password: not quoted.
        assertThat(problems.get(1).message()).contains("a custom tag", "is not supported").doesNotContain("foo");
    }

    @Test
    void explicitStandardTagsAreHonoured() {
        assertThat(load("a: !!str 3\nb: !!int \"4\"\n").get(0).body()).containsEntry("a", "3").containsEntry("b", 4);
    }

    @Test
    void everyProblemOfAFileIsReportedAndTheThrowingFormListsThem() {
        assertThatThrownBy(() -> load("a: !foo x\nb: !bar y\n"))
                .isInstanceOf(InvalidDesiredStateException.class)
                .hasMessageContaining("app.yaml:1: a custom tag").hasMessageContaining("app.yaml:2: a custom tag");
    }

    @Test
    void nonMapDocumentIsAProblem() {
        assertThat(problems("- a\n- b\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be a map"));
    }
}
