package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import java.util.List;

/** A plan as terminal text: header, one line per change, the diffs (unless left out), then the counts. */
public final class PlanText {
    private PlanText() {
    }

    public static String render(Plan plan) {
        return render(plan, true);
    }

    /**
     * {@code withDiffs} false leaves the diffs out: a build log of 200 changed ConfigMaps stays at about 200
     * lines, where the front end shows the diffs elsewhere (the plugin's plan page).
     */
    public static String render(Plan plan, boolean withDiffs) {
        StringBuilder out = new StringBuilder();
        out.append("Plan for ").append(Escape.printable(Labels.target(plan)))
                .append(" at commit ").append(Escape.printable(Labels.shortCommit(plan.commit())))
                .append(", path ").append(Escape.printable(Labels.path(plan))).append("\n\n");
        List<Change> changed = Labels.changed(plan);
        if (changed.isEmpty()) {
            out.append(Labels.NO_CHANGES).append('\n');
        } else {
            changed.forEach(c -> out.append(line(c)).append('\n'));
            for (Change c : withDiffs ? changed : List.<Change>of()) {
                String diff = Labels.diff(c);
                if (!diff.isEmpty()) {
                    out.append('\n').append(Escape.printable(diff));
                }
            }
            out.append('\n');
        }
        return out.append("Plan: ").append(plan.summary()).append(".\n").toString();
    }

    /** {@code + create Deployment.apps/shop/web  (apps/web.yaml:12)}. */
    private static String line(Change change) {
        String line = Labels.mark(change.action()) + " " + Labels.verb(change.action()) + " " + change.id();
        if (change.origin() != null) {
            line += "  (" + change.origin() + ")";
        }
        return Escape.printable(line);
    }
}
