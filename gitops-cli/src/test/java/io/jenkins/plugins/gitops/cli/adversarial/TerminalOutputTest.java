package io.jenkins.plugins.gitops.cli.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from a repository, a target or an option reaches no output raw: an ESC sequence in a value,
 * {@code --user} or {@code --build-url} cannot rewrite the terminal, and a right-to-left override or a
 * zero-width character cannot make a name read as another (plan text, JSON and Markdown, apply, verify, history).
 * JSON writes them as {@code \\u} escapes (issue 26, point 4: they were raw there), so it still parses to the same
 * text.
 */
class TerminalOutputTest {
    static final String ESC = "\u001b[1A\u001b[2K";
    static final String RLO = "\u202E";
    static final String ZWSP = "\u200B";

    @TempDir
    Path tmp;

    @Test
    void noOutputCarriesControlOrInvisibleCharacters() throws IOException {
        Path target = tmp.resolve("target");
        List<String> source;
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            repo.write("env/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n"
                    + "data:\n  note: \"before\\e[1A\\e[2KApply complete" + RLO + "nimda" + ZWSP + "\"\n")
                    .write("env/cm" + RLO + "lmay." + ZWSP + "txt.yaml", configMap("other")).commit("one");
            source = List.of("--repo", repo.dir().toString(), "--path", "env", "--target", "dir:" + target);
            List<Cli> outputs = new java.util.ArrayList<>();
            outputs.add(run(source, "plan"));
            outputs.add(run(source, "plan", "-o", "markdown"));
            Cli planJson = run(source, "plan", "-o", "json");
            outputs.add(planJson);
            outputs.add(run(source, "apply", "--auto-approve", "--user", "eve" + ESC + "root" + RLO,
                    "--build-url", "https://ci.example.com/" + RLO + "lave/" + ESC));
            Path file = Files.walk(target).filter(p -> p.toString().endsWith("settings.yaml")).findFirst().orElseThrow();
            Files.writeString(file, Files.readString(file).replace("before", "drifted\\e[2K" + RLO));
            outputs.add(run(source, "verify"));
            outputs.add(Cli.run("history", "--target", "dir:" + target));
            outputs.add(run(source, "verify", "-o", "json"));
            Cli historyJson = Cli.run("history", "-o", "json", "--target", "dir:" + target);
            outputs.add(historyJson);
            outputs.add(run(source, "apply", "--auto-approve", "-o", "json", "--user", "mallory" + RLO + ZWSP));

            for (Cli cli : outputs) {
                assertThat(Stream.of(cli.out(), cli.err())).as(cli.toString())
                        .allSatisfy(text -> assertThat(text).doesNotContain("\u001b", RLO, ZWSP));
            }
            assertThat(outputs.get(5).out()).as("history shows the user and link, escaped")
                    .contains("eve?[1A?[2Kroot(U+202E)", "https://ci.example.com/(U+202E)lave/");
            assertThat(outputs.get(4).out()).contains("drift");
            // The same text to a JSON parser: escaped, not replaced.
            assertThat(planJson.out()).contains("cm\\u202Elmay.\\u200Btxt.yaml");
            assertThat(Json.mapper().readTree(planJson.out()).findValuesAsText("file"))
                    .contains("env/cm" + RLO + "lmay." + ZWSP + "txt.yaml");
            assertThat(Json.mapper().readTree(historyJson.out()).findValuesAsText("user"))
                    .contains("eve" + ESC + "root" + RLO);
        }
    }

    private static Cli run(List<String> source, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(source);
        return Cli.run(all);
    }
}
