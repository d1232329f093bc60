package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.api.ApplyPlanRequest;
import io.jenkins.plugins.gitops.engine.api.ApplyResponse;
import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.PlanAndApplyRequest;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a saved plan exactly as reviewed, or plan and apply at once with --auto-approve.",
                "A plan is refused, with nothing applied, if it was altered, if the source now renders something else,"
                        + " or if a live resource it read has changed since (a stale plan).",
                "Rollback: gitops apply --auto-approve --ref <an earlier commit from gitops history>."},
        footerHeading = "%nExit codes:%n", footer = {"  0  applied (and healthy, with --wait)", "  1  error (nothing applied, or a partial apply"
                + " listed resource by resource; nothing pruned after a failure), or unhealthy after --wait"})
final class ApplyCommand implements Callable<Integer> {
    static final String SIGN = "--sign";
    static final String GIT_AUTHOR = "--git-author";

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

    @Parameters(arity = "0..1", paramLabel = "PLAN_FILE", description = "A plan file written by gitops plan --out.")
    Path planFile;

    @Option(names = "--auto-approve", description = "Plan and apply in one step, without a saved plan.")
    boolean autoApprove;

    @Option(names = SIGN, description = "git: sign the apply commit with the key git config names"
            + " (gpg.format, user.signingKey); refused when this build has no signer for that format.")
    boolean sign;

    @Option(names = GIT_AUTHOR, paramLabel = "'NAME <EMAIL>'", description = "git: the apply commit's author"
            + " (default: the --user, with the committer's address gitops-pipeline@localhost).")
    String gitAuthor;

    @Option(names = "--no-prune", description = "With --auto-approve: keep resources removed from the desired state.")
    boolean noPrune;

    @Option(names = "--allow-empty", description = "Allow a desired state with no resources to delete everything the"
            + " target holds for this path (refused by default: an empty render is more often a mistake).")
    boolean allowEmpty;

    @Option(names = "--parallelism", defaultValue = "" + ApplyOptions.DEFAULT_PARALLELISM, paramLabel = "N",
            converter = Options.AtLeastOne.class,
            description = "Resources applied at once within a wave, at least 1 (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--lock-wait", defaultValue = ApplyOptions.DEFAULT_LOCK_WAIT, paramLabel = "DURATION",
            converter = Options.NotNegative.class,
            description = "How long to wait for another run's lock, ISO-8601 like PT2M (default: fail at once).")
    Duration lockWait;

    @Option(names = "--lock-lease", defaultValue = ApplyOptions.DEFAULT_LEASE, paramLabel = "DURATION",
            converter = Options.Positive.class,
            description = "How long our lock outlives this process if it is killed, more than zero (renewed while"
                    + " running; default: ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--wait", description = "After applying, wait until the resources are healthy, up to --timeout"
            + " (targets with controllers, such as Kubernetes).")
    boolean await;

    @Option(names = "--timeout", defaultValue = Wait.DEFAULT_TIMEOUT, paramLabel = "DURATION",
            converter = Options.NotNegative.class,
            description = "How long --wait waits, ISO-8601 like PT10M (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    RunByOptions runBy;

    @Override
    public Integer call() {
        source.maskOutput(spec.commandLine());
        if ((planFile == null) == !autoApprove) {
            throw new GitopsException(planFile == null
                    ? "give a plan file (make one with gitops plan --out plan.json) or --auto-approve"
                    : "give either a plan file or --auto-approve, not both");
        }
        ApplyOptions options = ApplyOptions.defaults(runBy.user).withParallelism(parallelism).withLockWait(lockWait)
                .withLease(lease).withBuildUrl(runBy.buildUrl).withAllowEmpty(allowEmpty);
        Wait health = await ? Wait.upTo(timeout) : Wait.NONE;
        Gitops gitops = new Gitops(StderrProgress.to(spec.commandLine().getErr(), common.quiet));
        ApplyResponse response = planFile != null
                ? gitops.apply(new ApplyPlanRequest(planFile, source.source(), source.inputs(), target.spec(), options,
                        health))
                : gitops.planAndApply(new PlanAndApplyRequest(source.source(), source.inputs(), target.spec(),
                        diff.mode(), !noPrune, options, health, common.output == OutputFormat.json));
        Printer.apply(spec.commandLine().getOut(), common.output, response);
        return response.succeeded() ? GitopsCommand.OK : GitopsCommand.ERROR;
    }
}
