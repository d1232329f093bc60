package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.PlanRequest;
import io.jenkins.plugins.gitops.engine.api.PlanResponse;
import io.jenkins.plugins.gitops.engine.plan.Pruning;
import io.jenkins.plugins.gitops.engine.report.DiffDetail;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what applying the desired state would change. Changes nothing.",
        footerHeading = "%nExit codes:%n", footer = {"  0  no changes", "  1  error", "  2  changes to apply"})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;
    @Mixin
    TargetOptions target;
    @Mixin
    DiffOptions diff;
    @Mixin
    WriteOptions writes;
    @Mixin
    CommonOptions common;
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the plan file for gitops apply (pins commit, desired digest, live fingerprint; no secret values).")
    Path out;

    @Option(names = "--no-prune", description = "Do not plan deletes of resources removed from the desired state.")
    boolean noPrune;

    @Option(names = "--allow-empty", description = "Allow a desired state with no resources to delete everything the"
            + " target holds for this path (refused by default: an empty render is more often a mistake).")
    boolean allowEmpty;

    @Option(names = "--build-url", paramLabel = "URL", description = "The build making this plan, recorded in the"
            + " plan file for the page of its apply (default: the BUILD_URL environment variable).")
    String buildUrl = System.getenv("BUILD_URL");

    @Override
    public Integer call() {
        source.maskOutput(spec.commandLine());
        PlanResponse response = new Gitops(StderrProgress.to(spec.commandLine().getErr(), common.quiet)).plan(
                new PlanRequest(source.source(), source.inputs(), target.spec(), diff.mode(),
                        Pruning.of(!noPrune, allowEmpty), out, buildUrl, null,
                        common.output != OutputFormat.text || diff.detail() == DiffDetail.ALL));
        Printer.plan(spec.commandLine().getOut(), common.output, diff.detail(), response);
        return response.plan().summary().hasChanges() ? GitopsCommand.CHANGES : GitopsCommand.OK;
    }
}
