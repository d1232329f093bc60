package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.api.Gitops;
import io.jenkins.plugins.gitops.engine.api.Inputs;
import io.jenkins.plugins.gitops.engine.api.Source;
import io.jenkins.plugins.gitops.engine.model.SecretValues;
import io.jenkins.plugins.gitops.engine.render.Variables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the desired state comes from and how it is rendered. */
final class SourceOptions {
    @Option(names = "--repo", paramLabel = "PATH|URL", defaultValue = ".",
            description = "Git repository: a local path or a URL (default: the current directory).")
    String repo;

    @Option(names = "--ref", paramLabel = "REF",
            description = "Branch, tag or commit to read (default: HEAD; for apply of a plan file, the plan's commit)."
                    + " Files come from that commit, never from the working tree.")
    String ref;

    @Option(names = "--path", paramLabel = "DIR",
            description = "The environment directory inside the repository (default: the root; for apply of a plan file, the plan's path).")
    String path;

    @Option(names = "--var", paramLabel = "KEY=VALUE",
            description = "A variable for ${KEY} and ${KEY:=default} in manifests. Repeatable; wins over --var-file.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "A file of KEY=VALUE lines (# comments). Repeatable; later files win.")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--secret-var", paramLabel = "KEY=VALUE",
            description = "A secret variable: substituted as --var, but its value is masked (****) in every diff, plan"
                    + " file, output and error, and a git: target refuses resources holding it. Repeatable; wins over"
                    + " --secret-var-file. Prefer the file: a command line is visible to other users of the machine.")
    List<String> secretVars = new ArrayList<>();

    @Option(names = "--secret-var-file", paramLabel = "FILE",
            description = "A file of KEY=VALUE lines, as --var-file, whose every value is secret as with --secret-var."
                    + " Repeatable; later files win.")
    List<Path> secretVarFiles = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "RULE",
            description = "Ignore a field in diffs: KIND[.GROUP][/[NAMESPACE/]NAME]=/json/pointer[,...], e.g. "
                    + "Deployment.apps/web=/spec/replicas. Repeatable; adds to .gitops.yaml's ignoreDifferences.")
    List<String> ignores = new ArrayList<>();

    /** Unset ref and path stay null: the engine defaults them (HEAD and the root, or a saved plan's). */
    Source source() {
        return new Source(repo, ref, path);
    }

    Inputs inputs() {
        return new Inputs(variables("--var", vars), varFiles, ignores, variables("--secret-var", secretVars),
                secretVarFiles);
    }

    private static Map<String, String> variables(String option, List<String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String var : given) {
            int eq = var.indexOf('=');
            if (eq <= 0) {
                // The value is never echoed: it may be a secret.
                throw new GitopsException(option + " expects KEY=VALUE, got a value without '=' or without a key");
            }
            if (!Variables.NAME.matcher(var.substring(0, eq)).matches()) {
                throw new GitopsException(option + " " + var.substring(0, eq) + "=...: a variable name is made of"
                        + " letters, digits and '_' and does not start with a digit");
            }
            values.put(var.substring(0, eq), var.substring(eq + 1));
        }
        return values;
    }

    /** Points the command's stdout and stderr through the mask of its secret values, before it writes anything. */
    void maskOutput(CommandLine command) {
        SecretValues secrets = Gitops.secretValues(inputs());
        command.setOut(MaskingWriter.over(command.getOut(), secrets));
        command.setErr(MaskingWriter.over(command.getErr(), secrets));
    }
}
