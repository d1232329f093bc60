package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gitops command end to end: exit codes, outputs, plan files, history and rollback. */
class CommandLineTest {
    static final String TOKEN = "t0ken-n3ver-printed";

    @TempDir
    Path tmp;
    GitRepoFixture git;
    String target;
    String first;

    @BeforeEach
    void setUp() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/app.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                  namespace: web
                data:
                  replicas: "${REPLICAS:=1}"
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                  namespace: web
                data:
                  token: ${TOKEN_B64}
                """);
        first = git.commit("first");
        target = "dir:" + tmp.resolve("target");
    }

    private String[] args(String command, String... more) {
        String[] base = {command, "--repo", git.dir().toString(), "--path", "env", "--target", target,
            "--var", "TOKEN_B64=" + java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes())};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void planExitCodesFollowTerraform() {
        Cli plan = Cli.run(args("plan"));
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("+ create ConfigMap/web/app").contains("Plan: 2 to create");
        assertThat(plan.err()).contains("render: 1 of 1");

        assertThat(Cli.run(args("apply", "--auto-approve")).exitCode()).isZero();
        Cli again = Cli.run(args("plan"));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("No changes");
    }

    @Test
    void planPrunesUnlessToldNotToAndDeletesEverythingOnlyWithAllowEmpty() {
        assertThat(Cli.run(args("apply", "--auto-approve")).exitCode()).isZero();
        git.write("env/app.yaml", "# nothing is deployed here any more\n");
        git.commit("empty the environment");

        Cli refused = Cli.run(args("plan"));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("renders no resources", "--allow-empty");
        Cli kept = Cli.run(args("plan", "--no-prune"));
        assertThat(kept.exitCode()).as(kept.toString()).isZero();
        assertThat(kept.out()).contains("No changes");
        Cli allowed = Cli.run(args("plan", "--allow-empty"));
        assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(2);
        assertThat(allowed.out()).contains("2 to delete");
        assertThat(Cli.run(args("plan", "--no-prune", "--allow-empty")).out()).contains("No changes");
    }

    @Test
    void usageHelpAndUnknownCommandsStillKnowEveryCommand() {
        for (Cli usage : List.of(Cli.run("--help"), Cli.run("help"))) {
            assertThat(usage.exitCode()).isZero();
            assertThat(usage.out()).contains("plan", "apply", "verify", "history", "metrics");
        }
        assertThat(Cli.run("help", "verify").out()).contains("--wait", "--show-bodies");
        Cli unknown = Cli.run("plna");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("plan");
        Cli bad = Cli.run("history", "--bogus");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--bogus");
    }

    @Test
    void createsAreOneLineEachUnlessShowBodiesAsksForTheirBodies() throws Exception {
        Cli brief = Cli.run(args("plan", "-q"));
        assertThat(brief.out()).contains("+ create ConfigMap/web/app  (env/app.yaml:1)\n")
                .doesNotContain("+++ desired/", "replicas")
                .contains("The bodies of creates and deletes are not shown; --show-bodies prints them.\n");

        Cli full = Cli.run(args("plan", "-q", "--show-bodies"));
        assertThat(full.out()).contains("+++ desired/ConfigMap/web/app\n", "+  replicas: '1'\n")
                .doesNotContain("--show-bodies");
        Cli json = Cli.run(args("plan", "-q", "-o", "json"));
        assertThat(json.out()).contains("+++ desired/ConfigMap/web/app");
        // The text leaves the bodies out, so the plan is made without them, but never a plan file's.
        Path saved = tmp.resolve("bodies.json");
        assertThat(Cli.run(args("plan", "-q", "--out", saved.toString())).out()).doesNotContain("replicas");
        assertThat(Files.readString(saved)).contains("+++ desired/ConfigMap/web/app", "+  replicas: '1'");

        Cli applied = Cli.run(args("apply", "--auto-approve", "-o", "json"));
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("+++ desired/ConfigMap/web/app", "+  replicas: '1'");
        Cli update = Cli.run(args("plan", "-q", "--var", "REPLICAS=3"));
        assertThat(update.out()).contains("-  replicas: '1'\n+  replicas: '3'\n").doesNotContain("--show-bodies");
    }

    @Test
    void serverDiffIsOfferedByPlanVerifyAndApplyAndTheDirectoryTargetIgnoresIt() {
        Cli plan = Cli.run(args("plan", "--diff", "server"));
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.err()).doesNotContain("dry-run");
        assertThat(Cli.run(args("apply", "--auto-approve", "--diff", "server")).exitCode()).isZero();
        assertThat(Cli.run(args("verify", "--diff", "server")).exitCode()).isZero();

        Cli bad = Cli.run(args("plan", "--diff", "both"));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--diff").contains("client, server");
        assertThat(Cli.run("plan", "--help").out()).contains("--diff=MODE").contains("dry-run apply");
    }

    @Test
    void planFileAppliesExactlyAndOnlyOnce() throws Exception {
        Path planFile = tmp.resolve("plan.json");
        assertThat(Cli.run(args("plan", "--out", planFile.toString(), "-q", "--build-url",
                "https://ci.example.com/job/shop/7/")).exitCode()).isEqualTo(2);
        JsonNode json = Json.mapper().readTree(planFile.toFile());
        assertThat(json.get("plannedBy").asText()).isEqualTo("https://ci.example.com/job/shop/7/");
        assertThat(json.get("commit").asText()).isEqualTo(first);
        assertThat(json.get("desiredDigest").asText()).startsWith("sha256:");
        assertThat(json.get("liveFingerprint").asText()).startsWith("sha256:");
        assertThat(json.get("target").asText()).isEqualTo("dir:" + tmp.resolve("target").toAbsolutePath().normalize());
        assertThat(Files.readString(planFile)).doesNotContain(TOKEN)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes()));

        Cli apply = Cli.run(args("apply", planFile.toString()));
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("created ConfigMap/web/app").contains("Apply complete: 2 created");

        Cli stale = Cli.run(args("apply", planFile.toString()));
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("stale").contains("created since").contains("Nothing was applied");
    }

    @Test
    void verifyReportsDriftWithExitTwo() throws Exception {
        Cli.run(args("apply", "--auto-approve"));
        assertThat(Cli.run(args("verify")).exitCode()).isZero();
        Path file = tmp.resolve("target/_core/ConfigMap/web/app.yaml");
        Files.writeString(file, Files.readString(file).replace("'1'", "'5'"));

        Cli verify = Cli.run(args("verify"));
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(2);
        assertThat(verify.out()).contains("drift: differs from the desired state ConfigMap/web/app")
                .contains("-  replicas: '5'").contains("+  replicas: '1'");
    }

    @Test
    void historyAndRollback() throws Exception {
        Cli.run(args("apply", "--auto-approve", "--user", "alice", "--build-url", "https://ci/job/1/"));
        git.write("env/app.yaml", Files.readString(git.dir().resolve("env/app.yaml")).replace("name: app", "name: app2"));
        String second = git.commit("rename");
        Cli.run(args("apply", "--auto-approve", "--user", "bob"));
        assertThat(Files.exists(tmp.resolve("target/_core/ConfigMap/web/app.yaml"))).isFalse();

        Cli rollback = Cli.run(args("apply", "--auto-approve", "--ref", first));
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(tmp.resolve("target/_core/ConfigMap/web/app.yaml")).exists();
        assertThat(tmp.resolve("target/_core/ConfigMap/web/app2.yaml")).doesNotExist();

        Cli history = Cli.run("history", "--target", target);
        assertThat(history.exitCode()).isZero();
        String[] lines = history.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains(first);
        assertThat(lines[2]).contains(second).contains("bob");
        assertThat(lines[3]).contains(first).contains("alice").contains("https://ci/job/1/");

        Cli json = Cli.run("history", "--target", target, "-o", "json");
        assertThat(Json.mapper().readTree(json.out()).size()).isEqualTo(3);
    }

    @Test
    void outputsInJsonAndMarkdown() throws Exception {
        Cli json = Cli.run(args("plan", "-o", "json", "-q"));
        JsonNode plan = Json.mapper().readTree(json.out());
        assertThat(plan.get("changes")).hasSize(2);
        assertThat(json.err()).isEmpty();

        Cli markdown = Cli.run(args("plan", "-o", "markdown", "-q"));
        assertThat(markdown.out()).contains("ConfigMap/web/app").contains("```diff");
        assertThat(markdown.out() + json.out()).doesNotContain(TOKEN);
    }

    @Test
    void errorsExitOneWithLocation() throws Exception {
        git.write("env/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
        git.commit("bad");
        Cli plan = Cli.run(args("plan"));
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("env/bad.yaml:1").contains("metadata.name");

        // Substitution is opt-in (issue 12): a variable given, even another one, turns it on.
        Cli unknownVar = Cli.run("plan", "--repo", git.dir().toString(), "--path", "env", "--target", target,
                "--ref", first, "--var", "UNRELATED=1");
        assertThat(unknownVar.exitCode()).isEqualTo(1);
        assertThat(unknownVar.err()).contains("env/app.yaml:15").contains("TOKEN_B64");

        assertThat(Cli.run("plan", "--no-such-option").exitCode()).isEqualTo(1);
        Cli neither = Cli.run(args("apply"));
        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.err()).contains("--auto-approve");
        assertThat(Cli.run("plan", "--repo", git.dir().toString(), "--target", "ftp:x").err())
                .contains("unknown --target");
    }

    @Test
    void lockedTargetNamesTheHolder() throws Exception {
        var other = new io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget(tmp.resolve("target"));
        try (var lock = other.lock("jenkins@ci (pid 42)", java.time.Duration.ofMinutes(5))) {
            Cli apply = Cli.run(args("apply", "--auto-approve"));
            assertThat(apply.exitCode()).isEqualTo(1);
            assertThat(apply.err()).contains("locked by jenkins@ci (pid 42)");
        }
        assertThat(Cli.run(args("apply", "--auto-approve")).exitCode()).isZero();
    }
}
