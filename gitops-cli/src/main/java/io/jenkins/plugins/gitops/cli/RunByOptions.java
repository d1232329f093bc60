package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine.Option;

/** Who runs a command that writes the target's history (apply, verify --record), and from which build. */
final class RunByOptions {
    @Option(names = "--user", paramLabel = "NAME", description = "Who runs this, for the history (default: the OS user).")
    String user = System.getProperty("user.name");

    @Option(names = "--build-url", paramLabel = "URL",
            description = "A link recorded in the history (default: the BUILD_URL environment variable).")
    String buildUrl = System.getenv("BUILD_URL");
}
