package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option values out of range are usage errors when the command line is read (exit 1, saying what is
 * allowed), before anything is rendered or any target opened: never "a bug in gitops", never accepted.
 */
class OptionValidationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "apply|--parallelism|0|0 is too small; give 1 or more",
            "apply|--parallelism|-3|-3 is too small; give 1 or more",
            "apply|--parallelism|many|'many' is not a whole number; give 1 or more",
            "apply|--lock-lease|PT0S|PT0S is not more than zero; give a positive duration",
            "apply|--lock-lease|-PT1S|-PT1S is not more than zero; give a positive duration",
            "apply|--lock-wait|-PT1S|-PT1S is negative; give zero or more",
            "apply|--timeout|-PT1S|-PT1S is negative; give zero or more",
            "verify|--timeout|-PT1S|-PT1S is negative; give zero or more",
            "apply|--lock-wait|2m|'2m' is not an ISO-8601 duration"})
    void outOfRangeIsAUsageError(String command, String option, String value, String says) {
        Path target = tmp.resolve("target");

        Cli cli = Cli.run(command, "--repo", tmp.toString(),
                "--target", "dir:" + target, option + "=" + value);

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(GitopsCommand.ERROR);
        assertThat(cli.err()).contains("Invalid value for option '" + option + "'", says)
                .doesNotContain("bug in gitops");
        assertThat(target).doesNotExist();
    }
}
