package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import java.util.List;

/** A plan as terminal text: header, one line per change, the diffs {@link DiffDetail} asks for, then the counts. */
public final class PlanText {
    private PlanText() {
    }

    /** The diffs of updates; creates and deletes one line each. */
    public static String render(Plan plan) {
        return render(plan, DiffDetail.UPDATES);
    }

    /**
     * {@link DiffDetail#NONE} keeps a build log of 200 changed ConfigMaps at about 200 lines, where the front end
     * shows the diffs elsewhere (the plugin's plan page).
     */
    public static String render(Plan plan, DiffDetail detail) {
        StringBuilder out = new StringBuilder();
        out.append("Plan for ").append(Escape.printable(Labels.target(plan)))
                .append(" at commit ").append(Escape.printable(Labels.shortCommit(plan.commit())))
                .append(", path ").append(Escape.printable(Labels.path(plan))).append("\n");
        plan.renderedBy().forEach(tool -> out.append("Charts rendered by ").append(Escape.printable(tool)).append('\n'));
        out.append('\n');
        List<Change> changed = Labels.changed(plan);
        if (changed.isEmpty()) {
            out.append(Labels.NO_CHANGES).append('\n');
        } else {
            changed.forEach(c -> out.append(line(c)).append('\n'));
            for (Change c : changed) {
                String diff = Labels.diff(c);
                if (detail.shows(c) && !diff.isEmpty()) {
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
