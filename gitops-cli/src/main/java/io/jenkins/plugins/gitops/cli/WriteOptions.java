package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine.Option;

/**
 * How a Kubernetes target may write: for the commands that write or preview writes (plan, apply, verify). The
 * commands that only read the history (history, metrics) do not offer them. {@link TargetOptions} reads them.
 */
final class WriteOptions {
    static final String FORCE_CONFLICTS = "--force-conflicts";
    static final String REPLACE_IMMUTABLE = "--replace-immutable";

    @Option(names = FORCE_CONFLICTS,
            description = "kubernetes: take over fields another field manager set, instead of failing.")
    boolean forceConflicts;

    @Option(names = REPLACE_IMMUTABLE,
            description = "kubernetes: delete and re-create an object whose change touches an immutable field.")
    boolean replaceImmutable;
}
