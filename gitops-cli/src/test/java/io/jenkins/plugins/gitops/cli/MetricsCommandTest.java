package io.jenkins.plugins.gitops.cli;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gitops metrics and verify --record end to end, on a real repository with commits at set times. */
class MetricsCommandTest {
    static final Instant CHANGED_AT = Instant.parse("2026-03-01T08:00:00Z");
    /** The settings ConfigMap, its color formatted in. */
    static final String CONFIG_MAP = configMap("settings", "color", "%s");

    @TempDir
    Path tmp;
    GitRepoFixture git;
    String target;

    @BeforeEach
    void setUp() {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/app.yaml", CONFIG_MAP.formatted("blue")).commit("blue", Instant.parse("2026-02-01T00:00:00Z"));
        target = "dir:" + tmp.resolve("target");
    }

    private Cli run(String command, String... more) {
        String[] base = {command, "--repo", git.dir().toString(), "--path", "env", "--target", target, "-q"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        Cli cli = Cli.run(all);
        assertThat(cli.exitCode()).as(cli.toString()).isIn(0, 2);
        return cli;
    }

    private JsonNode history() throws Exception {
        return Json.mapper().readTree(Cli.run("history", "--target", target, "-o", "json").out());
    }

    /** {@code env} as an overlay of {@code base}: a commit to the base alone is what the second apply deployed. */
    @Test
    void leadTimeCountsACommitToTheBaseAnOverlayBuildsOn() throws Exception {
        git.delete("env/app.yaml").write("base/kustomization.yaml", "resources:\n- app.yaml\n")
                .write("base/app.yaml", CONFIG_MAP.formatted("blue"))
                .write("env/kustomization.yaml", "resources:\n- ../base\n").commit("overlay");
        run("apply", "--auto-approve");
        git.write("base/app.yaml", CONFIG_MAP.formatted("red")).commit("red in the base", CHANGED_AT);
        run("apply", "--auto-approve");

        Cli metrics = run("metrics", "--since", "2026-01-01", "--until", "2100-01-01", "-o", "json");

        JsonNode env = Json.mapper().readTree(metrics.out()).get("environments").get(0);
        assertThat(env.at("/deploymentFrequency/events").asInt()).isEqualTo(2);
        assertThat(env.at("/leadTime/events").asInt()).isEqualTo(1);
    }

    @Test
    void figuresFromAppliesAndRecordedVerifies() throws Exception {
        run("apply", "--auto-approve", "--user", "alice");
        String red = git.write("env/app.yaml", CONFIG_MAP.formatted("red")).commit("red", CHANGED_AT);
        run("apply", "--auto-approve", "--user", "bob");
        assertThat(run("verify", "--record", "--user", "nightly").exitCode()).isZero();
        Path file = tmp.resolve("target/_core/ConfigMap/shop/settings.yaml");
        Files.writeString(file, Files.readString(file).replace("red", "green"));
        assertThat(run("verify", "--record").exitCode()).isEqualTo(2);
        run("verify"); // not recorded

        JsonNode history = history();
        assertThat(history).hasSize(4);
        assertThat(history.get(2).get("event").asText()).isEqualTo("VERIFY");
        assertThat(history.get(2).get("result").asText()).isEqualTo("CLEAN");
        assertThat(history.get(2).get("user").asText()).isEqualTo("nightly");
        assertThat(history.get(3).get("result").asText()).isEqualTo("DRIFT");
        Instant redApplied = Instant.parse(history.get(1).get("appliedAt").asText());
        assertThat(history.get(1).get("commit").asText()).isEqualTo(red);

        Cli metrics = run("metrics", "--since", "2026-01-01", "--until", "2100-01-01", "-o", "json");
        JsonNode env = Json.mapper().readTree(metrics.out()).get("environments").get(0);
        assertThat(env.get("environment").asText()).isEqualTo("dir:" + tmp.resolve("target").toAbsolutePath().normalize());
        assertThat(env.at("/deploymentFrequency/events").asInt()).isEqualTo(2);
        assertThat(env.at("/leadTime/events").asInt()).isEqualTo(1);
        assertThat(env.at("/leadTime/withoutBase").asInt()).isEqualTo(1);
        assertThat(env.at("/leadTime/medianSeconds").asLong())
                .isEqualTo(Duration.between(CHANGED_AT, redApplied).toSeconds());
        assertThat(env.at("/changeFailureRate/rate").asDouble()).isZero();
        assertThat(env.at("/changeFailureRate/window").asText()).isEqualTo("PT24H");
        assertThat(env.at("/timeToRestore/open").asInt()).isEqualTo(1);
        assertThat(env.at("/timeToRestore/incidents/0/cause").asText()).isEqualTo("DRIFT");
        assertThat(env.at("/leadTime/definition").asText()).contains("committer time");

        Cli text = run("metrics", "--since", "2026-01-01", "--until", "2100-01-01");
        assertThat(text.out()).contains("deployment frequency").contains("2 deployments")
                .contains("0 restored incidents, 1 still open");
        assertThat(run("metrics", "-o", "markdown", "--since", "2026-01-01").out()).contains("| lead time for changes |");
    }

    @Test
    void anEmptyHistoryGivesFiguresWithNoEvents() throws Exception {
        Cli metrics = run("metrics", "-o", "json");

        JsonNode env = Json.mapper().readTree(metrics.out()).get("environments").get(0);
        assertThat(env.at("/deploymentFrequency/events").asInt()).isZero();
        assertThat(env.at("/changeFailureRate/rate").isNull()).isTrue();
        assertThat(env.get("daily").size()).as("the UTC days the last 30 days touch").isBetween(30, 31);
    }

    @Test
    void badPeriodsAreUsageErrors() {
        Cli backwards = Cli.run("metrics", "--target", target, "--since", "2026-03-02", "--until", "2026-03-01");
        assertThat(backwards.exitCode()).isEqualTo(1);
        assertThat(backwards.err()).contains("must end after it starts");

        Cli garbled = Cli.run("metrics", "--target", target, "--since", "last tuesday");
        assertThat(garbled.exitCode()).isEqualTo(1);
        assertThat(garbled.err()).contains("'last tuesday' is not a date or time such as 2026-03-01");
    }
}
