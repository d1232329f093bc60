package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.HistoryRequest;
import io.jenkins.plugins.gitops.engine.api.HistoryResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the revisions applied to a target, newest first.",
                "Roll back with: gitops apply --auto-approve --ref <commit>."})
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;
    @Mixin
    CommonOptions common;
    @Spec
    CommandSpec spec;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = "",
            description = "kubernetes: the environment directory whose inventory to read, unless --inventory names it.")
    String path;

    @Override
    public Integer call() {
        HistoryResponse response = new Gitops(StderrProgress.to(spec.commandLine().getErr(), common.quiet))
                .history(new HistoryRequest(target.spec(), path));
        Printer.history(spec.commandLine().getOut(), common.output, response.inventory());
        return GitopsCommand.OK;
    }
}
