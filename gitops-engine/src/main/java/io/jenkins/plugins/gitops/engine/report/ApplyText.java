package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.plan.Action;
import java.util.EnumMap;
import java.util.Map;

/** An apply result for a terminal or build log: one line per resource touched, then the outcome. */
public final class ApplyText {
    private ApplyText() {
    }

    public static String render(ApplyResult result) {
        return render(result, RemedyWording.NEUTRAL);
    }

    /** With each failure's remedy in the words of the front end. */
    public static String render(ApplyResult result, RemedyWording wording) {
        StringBuilder s = new StringBuilder();
        Map<Outcome.Status, Integer> counts = new EnumMap<>(Outcome.Status.class);
        int created = 0;
        int updated = 0;
        int deleted = 0;
        int ran = 0;
        int recorded = 0;
        for (Outcome o : result.outcomes()) {
            counts.merge(o.status(), 1, Integer::sum);
            switch (o.status()) {
                case DONE -> {
                    switch (o.action()) {
                        case CREATE -> created++;
                        case UPDATE -> updated++;
                        case DELETE -> deleted++;
                        case RUN -> {
                            if (o.createdAs() == null) {
                                recorded++;
                            } else {
                                ran++;
                            }
                        }
                        default -> { }
                    }
                    s.append(verb(o)).append(' ').append(o.id()).append(ranAs(o)).append('\n');
                }
                case FAILED -> s.append("FAILED  ").append(o.id()).append(": ")
                        .append(wording.withRemedy(o.error(), o.remedy())).append('\n');
                case SKIPPED -> s.append("skipped ").append(o.id()).append(" (").append(o.action().name().toLowerCase())
                        .append(" not written after a failure)\n");
                case UNCHANGED -> { }
            }
        }
        int unchanged = counts.getOrDefault(Outcome.Status.UNCHANGED, 0);
        if (result.recordError() != null) {
            s.append("The inventory and history were not recorded: ").append(result.recordError())
                    .append(". What was written is owned already; fix the cause and run apply again.\n");
        }
        if (result.succeeded()) {
            s.append("Apply complete: ").append(CountWords.applied(created, updated, deleted, unchanged))
                    .append(ran > 0 ? ", " + ran + " hook(s) run" : "")
                    .append(recorded > 0 ? ", " + recorded + " hook run(s) recorded only" : "").append(".\n");
            if (result.revision() != null) {
                s.append("Recorded revision ").append(result.revision().commit()).append(" in the target's history.\n");
            }
        } else {
            s.append(String.format("Apply FAILED: %d failed, %d skipped; %d created, %d updated, %d deleted before the"
                    + " failure. Nothing was pruned. Fix the cause and run apply again: it completes the rest.%n",
                    counts.getOrDefault(Outcome.Status.FAILED, 0), counts.getOrDefault(Outcome.Status.SKIPPED, 0),
                    created, updated, deleted));
        }
        return Escape.printable(s.toString());
    }

    /** Where a run-once hook ran: the name the target gave it, or that the target runs nothing. */
    private static String ranAs(Outcome o) {
        if (o.action() != Action.RUN) {
            return "";
        }
        return o.createdAs() == null ? " (recorded only: this target runs no hooks)" : " as " + o.createdAs();
    }

    private static String verb(Outcome o) {
        return switch (o.action()) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
            case NOOP -> "unchanged";
            case RUN -> "ran";
        };
    }
}
