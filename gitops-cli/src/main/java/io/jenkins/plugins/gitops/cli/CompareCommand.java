package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.api.CompareRequest;
import io.jenkins.plugins.gitops.engine.api.CompareResponse;
import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.report.Escape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Explain one object's diff offline, with the code a kubernetes plan and verify use.",
                "DESIRED is its manifest (one object, YAML or JSON); LIVE is the object as "
                        + "'kubectl get -o yaml --show-managed-fields' prints it.",
                "Exit codes: 0 no difference, 2 a difference, 1 an error."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DESIRED")
    Path desired;
    @Parameters(index = "1", paramLabel = "LIVE")
    Path live;
    @Option(names = "--ignore", paramLabel = "RULE",
            description = "Leave fields out of the comparison, as plan's --ignore: KIND[.GROUP][/NAMESPACE/NAME | /NAME]"
                    + "=POINTER[,POINTER...], e.g. Deployment.apps/web=/spec/replicas. Repeatable.")
    List<String> ignores = new ArrayList<>();
    @Option(names = "--field-manager", paramLabel = "NAME",
            description = "The field manager the target applies as: fields it owns that DESIRED no longer sets are "
                    + "removals (default: gitops-pipeline, as the target's).")
    String fieldManager;
    @Option(names = "--crd", paramLabel = "FILE",
            description = "A file holding the CustomResourceDefinition of DESIRED's kind (as 'kubectl get crd NAME -o yaml'"
                    + " prints it): its schema gives the custom resource's list types and keys, as a plan reads them from"
                    + " the server. Without it a custom resource's lists are compared by name or position. Repeatable.")
    List<Path> crds = new ArrayList<>();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompareResponse response = new Gitops(StderrProgress.to(spec.commandLine().getErr(), true))
                .compare(new CompareRequest(desired, live, ignores, fieldManager, crds));
        PrintWriter out = spec.commandLine().getOut();
        if (!response.changed()) {
            out.println(Escape.printable("No differences: a plan would not change " + response.id() + "."));
            return GitopsCommand.OK;
        }
        out.println(Escape.printable("~ update " + response.id()));
        response.paths().forEach(p -> out.println(Escape.printable("    " + p)));
        out.println();
        out.print(Escape.printable(response.unifiedDiff()));
        out.flush();
        return GitopsCommand.CHANGES;
    }
}
