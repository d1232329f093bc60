package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.report.Escape;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code gitops}: plan, apply and verify desired state kept in Git. Exit codes follow
 * {@code terraform plan -detailed-exitcode}: 0 success and nothing to change, 2 changes (plan) or drift
 * (verify), 1 any error, including bad usage.
 */
@Command(name = "gitops", mixinStandardHelpOptions = true, versionProvider = GitopsCommand.Version.class,
        description = "Plan, apply and verify desired state kept in Git against a target.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success; nothing to change (plan) or no drift (verify)",
                "  1  error: invalid input, stale or altered plan, locked target, failed apply, unhealthy resources",
                "  2  changes to apply (plan) or drift found (verify)"})
public final class GitopsCommand {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CHANGES = 2;
    /** The commands, in the order the usage lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show the engine's decisions on stderr (lock"
            + " renewals, how live objects are read, plan checks, which renderer runs) and the stack trace of an"
            + " unexpected error.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; the tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        GitopsCommand command = new GitopsCommand();
        CommandLine cli = new CommandLine(command);
        // picocli reads each command's options by reflection when it is added, 20-50 ms each on a new JVM; a call
        // runs one command, so only it is added (all of them for the usage, help and errors). Global options such
        // as --debug take no value, so the first argument that is no option names the command.
        String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst()
                .filter(COMMANDS::containsKey).orElse(null);
        COMMANDS.forEach((name, make) -> {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, make.get());
            }
        });
        cli.addSubcommand("help", new CommandLine.HelpCommand());
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
            // The command's own stream: masked once the command knows its secret values.
            PrintWriter shown = commandLine.getErr();
            if (e instanceof GitopsException ge) {
                shown.println(Escape.printable("error: " + CliRemedies.WORDING.message(ge)));
            } else {
                unexpected(shown, e, command.debug);
            }
            shown.flush();
            return ERROR;
        });
        cli.setExecutionStrategy(parseResult -> {
            if (!command.debug) {
                return new CommandLine.RunLast().execute(parseResult);
            }
            try (DebugLog log = DebugLog.to(err)) {
                return new CommandLine.RunLast().execute(parseResult);
            }
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: gitops ran out of memory; a file it read or a rendering may be far larger than"
                    + " expected. Check the files given to it; to give it more memory, set GITOPS_JAVA_OPTS=-Xmx4g");
            code = ERROR;
        } catch (StackOverflowError e) {
            err.println("error: gitops ran out of stack, most likely on input nested far too deeply; check the files"
                    + " given to it");
            code = ERROR;
        } catch (RuntimeException | Error e) {
            unexpected(err, e, command.debug);
            code = ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("plan", PlanCommand::new);
        commands.put("apply", ApplyCommand::new);
        commands.put("verify", VerifyCommand::new);
        commands.put("history", HistoryCommand::new);
        commands.put("metrics", MetricsCommand::new);
        commands.put("compare", CompareCommand::new);
        return commands;
    }

    /**
     * A bug: the type and where it was thrown, for the report, but not its message, which may quote what it failed
     * on (a kubeconfig's line holds a token).
     */
    private static void unexpected(PrintWriter err, Throwable e, boolean debug) {
        StackTraceElement where = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        err.println(Escape.printable("error: unexpected " + e.getClass().getName()
                + (where == null ? "" : " at " + where.getClassName() + "." + where.getMethodName() + ":"
                + where.getLineNumber())));
        err.println("This is a bug in gitops; please report it with the command you ran and what it prints"
                + " with --debug.");
        if (debug) {
            DebugLog.printStackTrace(e, err);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GitopsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"gitops " + (v == null ? "development build" : v)};
        }
    }
}
