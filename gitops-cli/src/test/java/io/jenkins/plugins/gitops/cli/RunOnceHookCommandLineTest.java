package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart with a run-once hook through the command line: the plan lists the run and the Helm that rendered it, a
 * plan that only runs the hook exits 0, and the directory target writes nothing for it.
 */
class RunOnceHookCommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void aGenerateNameHookIsRunByEveryApplyAndIsNoChange() throws Exception {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        git.write("env/app/templates/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  color: blue
                """);
        git.write("env/app/templates/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: {{ .Release.Name }}-migrate-
                  annotations:
                    helm.sh/hook: pre-install,pre-upgrade
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: migrate
                          image: busybox
                """);
        git.commit("chart with a run-once hook");
        Path target = tmp.resolve("target");
        String[] plan = {"plan", "--repo", git.dir().toString(), "--path", "env", "--target", "dir:" + target};

        Cli first = Cli.run(plan);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
        assertThat(first.out()).contains("> run Job.batch/app-migrate-*  (env/app/templates/migrate.yaml")
                .contains("+ create ConfigMap/app-settings").contains("Charts rendered by ")
                .contains("Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged, 1 to run.");
        assertThat(first.out().indexOf("app-migrate-*")).isLessThan(first.out().indexOf("ConfigMap/app-settings"));

        Cli apply = Cli.run("apply", "--auto-approve", "--repo", git.dir().toString(), "--path", "env", "--target",
                "dir:" + target);
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("ran Job.batch/app-migrate-* (recorded only: this target runs no hooks)");
        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith("app-settings.yaml"))
                    .noneMatch(f -> f.contains("migrate"));
        }

        Cli again = Cli.run(plan[0], plan[1], plan[2], plan[3], plan[4], plan[5], plan[6], "-o", "json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("\"action\" : \"RUN\"").contains("\"renderedBy\" : [ \"");
        Cli verify = Cli.run("verify", "--repo", git.dir().toString(), "--path", "env", "--target", "dir:" + target);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
}
