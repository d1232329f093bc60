package io.jenkins.plugins.gitops.cli.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.withData;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.adversarial.TreeSnapshot;
import io.jenkins.plugins.gitops.engine.environment.EnvironmentLoader;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.SourceSpec;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25, point 1: the value of a secret variable substituted into a ConfigMap (not a Secret, whose values are
 * masked by kind) reached the plan file's diff in plain text. With {@code --secret-var} and {@code --secret-var-file}
 * it is masked in every output format, the plan file, verify's drift, the history and an error that quotes it, while
 * the saved plan still applies and the target holds the real value.
 */
class SecretVariableTest {
    static final String ENV = "envs/prod";
    /** YAML would quote it, JSON escape it: masking a written diff as text would miss it. */
    static final String TOKEN = "tok\"en: #S3cr3t\\x";
    static final String FROM_FILE = "file-S3cr3t-value";
    static final String ROTATED = "rotated-S3cr3t-value";
    static final String BAD_NAME = "Not_A_Valid_Name_S3cr3t";

    @TempDir
    Path tmp;
    final List<String> outputs = new ArrayList<>();

    @Test
    void secretVariablesAreMaskedEverywhereAndTheSavedPlanStillApplies() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/app.yaml", withData("settings", """
                  token: ${API_TOKEN}
                  url: https://api.example.com/?key=${FILE_TOKEN}&v=2
                  color: blue
                """));
        git.commit("first");
        Path secretFile = tmp.resolve("secrets.env");
        Files.writeString(secretFile, "FILE_TOKEN=" + FROM_FILE + "\n");
        Path target = tmp.resolve("target");
        List<String> base = List.of("--repo", git.dir().toString(), "--path", ENV, "--target", "dir:" + target,
                "--secret-var-file", secretFile.toString());
        List<String> source = concat(base, List.of("--secret-var", "API_TOKEN=" + TOKEN));

        Path planFile = tmp.resolve("plan.json");
        run(2, concat(List.of("plan", "--out", planFile.toString()), source));
        run(2, concat(List.of("plan", "-o", "json"), source));
        run(2, concat(List.of("plan", "-o", "markdown"), source));
        String planned = Files.readString(planFile);
        assertThat(planned).contains("token: '****'", "key=****&v=2");
        // The same value as a plain variable renders the same state: a plain digest would confirm a guess offline.
        String plainDigest = new EnvironmentLoader(RenderOptions.defaults().withVariables(
                Map.of("API_TOKEN", TOKEN, "FILE_TOKEN", FROM_FILE)), List.of(), Progress.NONE)
                .load(new SourceSpec(git.dir().toString(), "HEAD", ENV)).desired().digest();
        assertThat(PlanFile.read(planFile).desiredDigest()).isNotEqualTo(plainDigest)
                .startsWith("sha256:secrets-by-id:");

        // The saved plan applies only with the same variables, secret as when planned.
        Cli plain = run(1, concat(List.of("apply", planFile.toString(), "--repo", git.dir().toString(), "--target",
                "dir:" + target, "--var", "API_TOKEN=" + TOKEN), List.of("--var-file", secretFile.toString())));
        assertThat(plain.err()).contains("renders differently", "nothing was applied");
        assertThat(target.resolve("_core")).doesNotExist();
        run(0, concat(List.of("apply", planFile.toString()), source));
        assertThat(Files.readString(target.resolve("_core/ConfigMap/shop/settings.yaml"))).contains(FROM_FILE, TOKEN);

        // A rotated value is an update whose diff shows only that something masked changed.
        List<String> rotated = concat(base, List.of("--secret-var", "API_TOKEN=" + ROTATED));
        Cli update = run(2, concat(List.of("plan"), rotated));
        assertThat(update.out()).contains("~ update ConfigMap/shop/settings");
        Cli hidden = run(2, concat(List.of("plan", "-o", "json"), rotated));
        assertThat(hidden.out()).contains("changed only inside values of secret variables");

        // Drift: a hand edit next to the value; verify in every format, with the value on both sides.
        Path live = target.resolve("_core/ConfigMap/shop/settings.yaml");
        Files.writeString(live, Files.readString(live).replace("blue", "red"));
        for (String format : List.of("text", "json", "markdown")) {
            Cli drift = run(2, concat(List.of("verify", "-o", format), source));
            assertThat(drift.out()).contains("red");
        }
        run(0, List.of("history", "--target", "dir:" + target));
        run(0, List.of("history", "-o", "json", "--target", "dir:" + target));

        // An error that quotes the substituted value (an invalid name) is masked on its way out.
        git.write(ENV + "/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${BAD}\n  namespace: shop\n");
        git.commit("bad name");
        Cli error = run(1, concat(List.of("plan"), concat(source, List.of("--secret-var", "BAD=" + BAD_NAME))));
        assertThat(error.err()).contains("metadata.name '****' is not a valid name");
        git.delete(ENV + "/bad.yaml");
        git.commit("fixed");

        outputs.add(planned);
        outputs.addAll(TreeSnapshot.texts(target.resolve(".gitops")).values());
        String all = String.join("\n", outputs);
        for (String value : List.of(TOKEN, FROM_FILE, ROTATED, BAD_NAME, "S3cr3t")) {
            assertThat(all).as(value).doesNotContain(value);
        }
    }

    @Test
    void aGitTargetRefusesAConfigMapHoldingASecretVariable() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                + "data:\n  token: ${API_TOKEN}\n");
        git.commit("first");
        Path bare = tmp.resolve("deploy.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        List<String> source = List.of("--repo", git.dir().toString(), "--path", ENV, "--target",
                "git:" + bare.toUri() + "#env/prod", "--secret-var", "API_TOKEN=" + FROM_FILE);

        Cli refused = run(1, concat(List.of("apply", "--auto-approve"), source));

        assertThat(refused.err()).contains("refused: ConfigMap/settings", "would put a credential into Git");
        try (Git deploy = Git.open(bare.toFile())) {
            assertThat(deploy.getRepository().findRef("env/prod")).isNull();
        }
        // as a plain variable it is the user's choice to publish it
        run(0, List.of("apply", "--auto-approve", "--repo", git.dir().toString(), "--path", ENV, "--target",
                "git:" + bare.toUri() + "#env/prod", "--var", "API_TOKEN=plain"));
    }

    @Test
    void aVariableGivenBothPlainAndSecretIsRefusedWithoutItsValue() {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  t: ${T}\n");
        git.commit("first");
        Cli both = run(1, List.of("plan", "--repo", git.dir().toString(), "--path", ENV, "--var", "T=" + FROM_FILE,
                "--secret-var", "T=" + ROTATED));
        assertThat(both.err()).contains("variable T is given both as a plain and as a secret variable")
                .doesNotContain(FROM_FILE).doesNotContain(ROTATED);
        Cli noValue = run(1, List.of("plan", "--repo", git.dir().toString(), "--secret-var", FROM_FILE));
        assertThat(noValue.err()).contains("--secret-var expects KEY=VALUE").doesNotContain(FROM_FILE);
    }

    private Cli run(int expected, List<String> args) {
        return Cli.expect(expected, args, outputs);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return BadInputTest.concat(a, b);
    }
}
