package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.report.DiffDetail;
import picocli.CommandLine.Option;

/** How a plan compares live objects with the desired state, and which of its diffs the text output prints. */
final class DiffOptions {
    enum Diff {
        client, server;

        DiffMode mode() {
            return DiffMode.parse(name());
        }
    }

    @Option(names = "--diff", paramLabel = "MODE", defaultValue = DiffMode.DEFAULT_NAME,
            description = "kubernetes: client compares the fields the manifests set; server compares with a server-side"
                    + " dry-run apply, so defaults are no differences and fields removed from a manifest are"
                    + " (resources the server cannot dry-run fall back to client, with a warning). dir targets ignore"
                    + " it: they store exactly the manifests (default: ${DEFAULT-VALUE}).")
    Diff diff;

    @Option(names = "--show-bodies", description = "text output: print the whole body of every create and delete"
            + " as its diff too (by default they are one line each and only updates show a diff; -o json and --out"
            + " keep every diff).")
    boolean showBodies;

    @Option(names = "--show-webhook-changes",
            description = "kubernetes, --diff server: also show what the server would add or change outside the fields"
                    + " the manifests set (mutating admission webhooks, defaults); hidden by default.")
    boolean showWebhookChanges;

    DiffMode mode() {
        return diff == Diff.server && showWebhookChanges ? DiffMode.SERVER_WITH_WEBHOOKS : diff.mode();
    }

    DiffDetail detail() {
        return showBodies ? DiffDetail.ALL : DiffDetail.UPDATES;
    }
}
