package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.report.RemedyWording;

/** The engine's remedies in the words of this command line: its flags. */
final class CliRemedies implements RemedyWording {
    static final CliRemedies WORDING = new CliRemedies();

    private CliRemedies() {
    }

    @Override
    public String word(Remedy remedy) {
        return switch (remedy.kind()) {
            case FORCE_CONFLICTS -> "re-run with --force-conflicts to take them over";
            case REPLACE_IMMUTABLE -> "re-run with --replace-immutable to delete and re-create it (it is absent for a moment)";
            case LOCK_WAIT -> "wait for that run to finish, or retry with --lock-wait "
                    + (remedy.value() == null ? "PT2M" : remedy.value());
            case REF -> "apply with --ref " + remedy.value() + ", or make a new plan";
            case VARIABLES -> "pass the same --var and --var-file values as for the plan, or make a new plan";
            case KUBECONFIG -> "check --kubeconfig/--context";
            case CONTEXT -> "check --context, or use another one";
            case SAVE_PLAN -> "make a new plan with gitops plan --out FILE";
            case ALLOW_EMPTY -> "to delete everything on purpose, pass --allow-empty";
            case UPGRADE -> "upgrade this gitops command line to the version that wrote it";
        };
    }
}
