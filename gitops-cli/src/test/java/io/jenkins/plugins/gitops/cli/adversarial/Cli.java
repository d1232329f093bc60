package io.jenkins.plugins.gitops.cli.adversarial;

import io.jenkins.plugins.gitops.cli.GitopsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the gitops command line in this JVM, as a user would, and keeps what it printed. */
record Cli(int code, String out, String err) {
    static Cli run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GitopsCommand.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        return run(List.of(args));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
