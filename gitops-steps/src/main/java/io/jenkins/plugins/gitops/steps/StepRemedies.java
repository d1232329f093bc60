package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.report.RemedyWording;

/** The engine's remedies in the words of a Pipeline: the steps' and targets' own parameters. */
public final class StepRemedies implements RemedyWording {
    public static final StepRemedies WORDING = new StepRemedies();

    private StepRemedies() {
    }

    @Override
    public String word(Remedy remedy) {
        return switch (remedy.kind()) {
            case FORCE_CONFLICTS -> "set forceConflicts: true on kubernetes(...) to take them over";
            case REPLACE_IMMUTABLE -> "set replaceImmutable: true on kubernetes(...) to delete and re-create it"
                    + " (it is absent for a moment)";
            case LOCK_WAIT -> "wait for that run to finish, or give gitopsApply lockWait: '"
                    + (remedy.value() == null ? "PT2M" : remedy.value()) + "'";
            case REF -> "apply with ref: '" + remedy.value() + "', or make a new plan with gitopsPlan";
            case VARIABLES -> "give the same vars:, credentialVars: and varFiles: as gitopsPlan had, or make a new plan";
            case KUBECONFIG -> "check the kubeconfig credential (credentialsId:) and context: of kubernetes(...)";
            case CONTEXT -> "check context: of kubernetes(...), or use another one";
            case SAVE_PLAN -> "make a new plan with gitopsPlan(planFile: ...)";
            case ALLOW_EMPTY -> "to delete everything on purpose, give the step allowEmpty: true";
            case UPGRADE -> "update the GitOps Pipeline plugin to the version that wrote it";
        };
    }
}
