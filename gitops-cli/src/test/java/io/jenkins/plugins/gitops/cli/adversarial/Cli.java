package io.jenkins.plugins.gitops.cli.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Runs it, checks its exit code and that it reports no bug, and keeps stdout and stderr in {@code outputs}. */
    static Cli expect(int code, List<String> args, List<String> outputs) {
        Cli cli = run(args);
        assertThat(cli.code()).as(args + "\n" + cli).isEqualTo(code);
        assertThat(cli.err()).as(cli.toString()).doesNotContain("This is a bug");
        outputs.add(cli.out());
        outputs.add(cli.err());
        return cli;
    }

    static Cli run(String... args) {
        return run(List.of(args));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
