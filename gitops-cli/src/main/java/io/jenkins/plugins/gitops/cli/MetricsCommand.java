package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.MetricsRequest;
import io.jenkins.plugins.gitops.engine.api.Source;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"DORA's four keys for the environment: deployment frequency, lead time for changes, change "
                + "failure rate and time to restore, from the target's history and the repository's commit times.",
                "Definitions: README.md, or each figure's \"definition\" in -o json."},
        footerHeading = "%nExit codes:%n", footer = {"  0  figures printed (also when the period holds no deployment)",
                "  1  error: unreadable history or repository, bad option"})
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;
    @Mixin
    CommonOptions common;
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "PATH|URL", defaultValue = ".",
            description = "The Git repository the environment is applied from, for the commit times (default: the"
                    + " current directory).")
    String repo;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = "",
            description = "The environment directory; kubernetes: names the inventory to read, unless --inventory does.")
    String path;

    @Option(names = "--since", paramLabel = "TIME", converter = Options.Time.class,
            description = "Start of the period: 2026-03-01 (UTC midnight) or 2026-03-01T12:00:00Z (default: 30 days"
                    + " before --until).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = Options.Time.class,
            description = "End of the period, not included; as --since (default: now).")
    Instant until;

    @Option(names = "--failure-window", paramLabel = "DURATION", defaultValue = "PT24H",
            converter = Options.NotNegative.class, description = "How long after a deployment a rollback or a fix"
                    + " counts it as failed, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration failureWindow;

    @Override
    public Integer call() {
        MetricsReport report = new Gitops(StderrProgress.to(spec.commandLine().getErr(), common.quiet)).metrics(
                new MetricsRequest(new Source(repo, null, path), target.spec(), since, until, failureWindow));
        Printer.metrics(spec.commandLine().getOut(), common.output, report);
        return GitopsCommand.OK;
    }
}
