package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 27, point 9: each command offers only the options it uses, and an option of another kind of target than the
 * one given is refused rather than silently ignored.
 */
class OptionScopeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"history,,", "metrics,,", "plan,--force-conflicts --replace-immutable,", "verify,--force-conflicts"
            + " --replace-immutable,", "apply,--force-conflicts --replace-immutable --sign --git-author,"})
    void helpOffersOnlyTheWriteOptionsTheCommandUses(String command, String offered) {
        Cli help = Cli.run(command, "--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        for (String option : new String[] {"--force-conflicts", "--replace-immutable", "--sign", "--git-author"}) {
            boolean expected = offered != null && offered.contains(option);
            assertThat(java.util.regex.Pattern.compile(option + "[ =\n]").matcher(help.out()).find()).as(command + " " + option)
                    .isEqualTo(expected);
        }
        assertThat(help.out()).contains("--kubeconfig", "--git-user");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plan|dir:|--kubeconfig=kc|--kubeconfig applies to --target kubernetes only",
            "verify|dir:|--context=prod|--context applies to --target kubernetes only",
            "history|dir:|--inventory=env|--inventory applies to --target kubernetes only",
            "metrics|dir:|--git-user=bot|--git-user applies to --target git:... only",
            "plan|git:|--force-conflicts|--force-conflicts applies to --target kubernetes only",
            "apply|dir:|--sign|--sign applies to --target git:... only",
            "apply|kubernetes|--sign|--sign applies to --target git:... only",
            "apply|dir:|--git-author=Bot <bot@example.com>|--git-author applies to --target git:... only",
            "plan|kubernetes|--git-password-file=pw|--git-password-file applies to --target git:... only"})
    void anOptionOfAnotherTargetIsRefused(String command, String kind, String option, String says) {
        Path target = tmp.resolve("target");
        String given = switch (kind) {
            case "dir:" -> "dir:" + target;
            case "git:" -> "git:" + tmp.resolve("deploy.git").toUri() + "#env";
            default -> kind;
        };

        Cli cli = switch (command) {
            case "apply" -> Cli.run(command, "--auto-approve", "--repo", tmp.toString(), "--target", given, option);
            case "history" -> Cli.run(command, "--target", given, option);
            default -> Cli.run(command, "--repo", tmp.toString(), "--target", given, option);
        };

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(GitopsCommand.ERROR);
        assertThat(cli.err()).contains(says + ", not to --target " + given + "; remove it")
                .doesNotContain("bug in gitops");
        assertThat(target).doesNotExist();
    }
}
