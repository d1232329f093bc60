package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gitops}: plan, apply and verify desired state kept in Git. Exit codes follow
 * {@code terraform plan -detailed-exitcode}: 0 success and nothing to change, 2 changes (plan) or drift
 * (verify), 1 any error, including bad usage.
 */
@Command(name = "gitops", mixinStandardHelpOptions = true, versionProvider = GitopsCommand.Version.class,
        description = "Plan, apply and verify desired state kept in Git against a target.",
        subcommands = {PlanCommand.class, ApplyCommand.class, VerifyCommand.class, HistoryCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success; nothing to change (plan) or no drift (verify)",
                "  1  error: invalid input, stale or altered plan, locked target, failed apply, unhealthy resources",
                "  2  changes to apply (plan) or drift found (verify)"})
public final class GitopsCommand {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CHANGES = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; the tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new GitopsCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> ERROR);
        cli.getCommandSpec().exitCodeOnInvalidInput(ERROR);
        cli.getCommandSpec().exitCodeOnExecutionException(ERROR);
        cli.getSubcommands().values().forEach(sub -> {
            sub.getCommandSpec().exitCodeOnInvalidInput(ERROR);
            sub.getCommandSpec().exitCodeOnExecutionException(ERROR);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof GitopsException ge) {
                err.println("error: " + CliRemedies.WORDING.message(ge));
            } else {
                err.println("error: unexpected " + e.getClass().getName() + ": " + e.getMessage());
                err.println("This is a bug in gitops; please report it with the command you ran.");
            }
            err.flush();
            return ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GitopsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"gitops " + (v == null ? "development build" : v)};
        }
    }
}
