package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's remedies reach the terminal as this command line's flags. */
class RemedyWordingTest {
    static final Map<Remedy.Kind, String> FLAGS = Map.of(
            Remedy.Kind.FORCE_CONFLICTS, "--force-conflicts",
            Remedy.Kind.REPLACE_IMMUTABLE, "--replace-immutable",
            Remedy.Kind.LOCK_WAIT, "--lock-wait PT2M",
            Remedy.Kind.REF, "--ref 0123abc",
            Remedy.Kind.VARIABLES, "--var and --var-file",
            Remedy.Kind.KUBECONFIG, "--kubeconfig",
            Remedy.Kind.CONTEXT, "--context",
            Remedy.Kind.SAVE_PLAN, "gitops plan --out",
            Remedy.Kind.ALLOW_EMPTY, "--allow-empty",
            Remedy.Kind.UPGRADE, "upgrade this gitops command line");

    @ParameterizedTest
    @EnumSource(Remedy.Kind.class)
    void everyRemedyNamesItsFlag(Remedy.Kind kind) {
        String value = kind == Remedy.Kind.REF ? "0123abc" : kind == Remedy.Kind.LOCK_WAIT ? "PT2M" : null;

        assertThat(CliRemedies.WORDING.word(new Remedy(kind, value))).contains(FLAGS.get(kind));
    }

    @Test
    void aPlanAppliedAtAnotherCommitIsToldTheFlagForThePlansCommit(@TempDir Path tmp) {
        try (GitRepoFixture repo = GitRepoFixture.init(tmp.resolve("repo"))) {
            String first = repo.write("env/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n").commit("one");
            String second = repo.write("env/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")
                    .commit("two");
            String target = "dir:" + tmp.resolve("target");
            String plan = tmp.resolve("plan.json").toString();
            Cli planned = Cli.run("plan", "--repo", repo.dir().toString(), "--ref", first, "--path", "env",
                    "--target", target, "--out", plan, "-q");
            assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(GitopsCommand.CHANGES);

            Cli applied = Cli.run("apply", plan, "--repo", repo.dir().toString(), "--ref", second, "--target", target, "-q");

            assertThat(applied.exitCode()).isEqualTo(GitopsCommand.ERROR);
            assertThat(applied.err()).contains("nothing was applied; apply with --ref " + first + ", or make a new plan");
        }
    }
}
