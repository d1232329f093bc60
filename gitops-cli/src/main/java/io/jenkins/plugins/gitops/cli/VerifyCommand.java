package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.Recording;
import io.jenkins.plugins.gitops.engine.api.VerifyRequest;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare the target with the desired state and report drift per resource.",
                "On targets with controllers (Kubernetes) also check health; --wait waits for it."},
        footerHeading = "%nExit codes:%n", footer = {"  0  no drift, healthy", "  1  error, or resources unhealthy (even with drift)",
                "  2  drift (and nothing unhealthy)"})
final class VerifyCommand implements Callable<Integer> {
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

    @Option(names = "--wait", description = "Wait for resources to become healthy, up to --timeout.")
    boolean await;

    @Option(names = "--timeout", defaultValue = Wait.DEFAULT_TIMEOUT, paramLabel = "DURATION",
            converter = Options.NotNegative.class,
            description = "How long --wait waits, ISO-8601 like PT10M (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--record", description = "Add the result (clean, drift, unhealthy) to the target's history, "
            + "for gitops metrics' time to restore and change failure rate.")
    boolean record;

    @Mixin
    RunByOptions runBy;

    @Override
    public Integer call() {
        source.maskOutput(spec.commandLine());
        VerifyResult result = new Gitops(StderrProgress.to(spec.commandLine().getErr(), common.quiet)).verify(
                new VerifyRequest(source.source(), source.inputs(), target.spec(), diff.mode(),
                        await ? Wait.upTo(timeout) : Wait.NONE, record ? Recording.as(runBy.user, runBy.buildUrl) : Recording.NONE));
        Printer.verify(spec.commandLine().getOut(), common.output, diff.detail(), result);
        // Unhealthy outranks drift: a rollout that failed needs attention before a field that differs.
        if (!result.unhealthy().isEmpty()) {
            return GitopsCommand.ERROR;
        }
        return result.inSync() ? GitopsCommand.OK : GitopsCommand.CHANGES;
    }
}
