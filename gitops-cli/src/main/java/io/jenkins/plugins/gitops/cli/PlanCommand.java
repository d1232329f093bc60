package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.plan.Planner;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Override
    public Integer call() {
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), common.quiet);
        try (Target t = target.open(source.spec().path())) {
            Environment env = source.load(source.spec(), progress);
            Plan plan = new Planner(t, progress, Clock.systemUTC(), diff.mode()).plan(env, !noPrune, allowEmpty);
            if (out != null) {
                PlanFile.write(plan, out);
            }
            Printer.plan(spec.commandLine().getOut(), common.output, plan);
            if (out != null && common.output == OutputFormat.text) {
                spec.commandLine().getOut().println("Plan saved to " + out + "; apply it with: gitops apply " + out);
            }
            return plan.summary().hasChanges() ? GitopsCommand.CHANGES : GitopsCommand.OK;
        }
    }
}
