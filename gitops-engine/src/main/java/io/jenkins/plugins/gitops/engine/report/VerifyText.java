package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;

/** A verify result for a terminal or build log: drift per resource with its diff, then health. */
public final class VerifyText {
    private VerifyText() {
    }

    /** The diffs of objects that differ; missing and no longer desired ones one line each. */
    public static String render(VerifyResult result) {
        return render(result, DiffDetail.UPDATES);
    }

    /** Which drift diffs to print, as {@link PlanText#render(io.jenkins.plugins.gitops.engine.plan.Plan, DiffDetail)}. */
    public static String render(VerifyResult result, DiffDetail detail) {
        StringBuilder s = new StringBuilder();
        for (Change c : result.drifted()) {
            s.append("drift: ").append(switch (c.action()) {
                case CREATE -> "missing from the target      ";
                case UPDATE -> "differs from the desired state";
                case DELETE -> "no longer desired, not pruned ";
                case NOOP, RUN -> "";
            }).append(' ').append(c.id()).append(c.origin() == null ? "" : "  (" + c.origin() + ")").append('\n');
        }
        for (Change c : result.drifted()) {
            if (detail.shows(c)) {
                s.append('\n').append(c.diff());
            }
        }
        for (String cause : result.driftCauses()) {
            s.append("drift cause: ").append(cause).append('\n');
        }
        for (ResourceHealth h : result.unhealthy()) {
            s.append("unhealthy: ").append(h).append('\n');
        }
        if (!result.healthObserved()) {
            s.append("Health: not observed; this target holds manifests, not running objects (ask the agent that"
                    + " applies them).\n");
        }
        s.append(result.inSync() ? "No drift: the target matches commit " : "Drift: " + result.drifted().size()
                + " resource(s) differ from commit ").append(result.plan().commit()).append(".\n");
        return Escape.printable(s.toString());
    }
}
