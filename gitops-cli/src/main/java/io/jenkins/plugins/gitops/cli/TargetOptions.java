package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.target.Target;
import io.jenkins.plugins.gitops.engine.target.directory.DirectoryTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which target to plan against or apply to. */
final class TargetOptions {
    static final String DEFAULT_TARGET = "dir:gitops-target";

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = DEFAULT_TARGET,
            description = "dir:PATH, a local directory with one YAML file per resource (default: ${DEFAULT-VALUE}).")
    String target;

    Target open() {
        if (target.startsWith("dir:") && target.length() > 4) {
            return new DirectoryTarget(Path.of(target.substring(4)));
        }
        throw new GitopsException("unknown --target '" + target + "'; use dir:PATH");
    }
}
