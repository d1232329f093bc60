package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.engine.health.ResourceHealth;
import io.jenkins.plugins.gitops.engine.report.PlanMarkdown;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.util.List;

/**
 * The words of a pull-request check for one plan, apply or verify: a title, a short Markdown summary and
 * the Markdown diff, sized so that summary and text each fit GitHub's 65,535-character limit. Holds no
 * secret value: the diff comes from the plan, whose secrets are masked.
 */
public record CheckText(boolean success, String title, String summary, String text) {
    /** GitHub refuses a check whose summary or text is longer. */
    public static final int MAX_CHARS = PlanMarkdown.CHECKS_API_LIMIT;
    /** Resources named as not applied; the rest are counted. */
    static final int MAX_SKIPPED_LISTED = 20;

    public CheckText {
        summary = cut(summary);
        text = cut(text);
    }

    public static CheckText forPlan(Plan plan) {
        PlanSummary s = plan.summary();
        String title = s.hasChanges() ? s.create() + " to create, " + s.update() + " to update, " + s.delete()
                + " to delete" : "No changes";
        return withDiff(true, title, header(plan) + "Plan: " + s + ".\n", plan);
    }

    /** An apply, and the resources not healthy when waited for (empty when there was no wait). */
    public static CheckText forApply(ApplyResult result, List<ResourceHealth> unhealthy) {
        Plan plan = result.plan();
        long failed = result.outcomes().stream().filter(o -> o.status() == Outcome.Status.FAILED).count();
        String title = !result.succeeded() ? "Apply failed for " + failed + " resource(s)"
                : unhealthy.isEmpty() ? "Applied: " + AppliedCounts.of(result).words()
                : "Applied, " + unhealthy.size() + " unhealthy";
        StringBuilder summary = new StringBuilder(header(plan)).append(title).append(".\n");
        for (Outcome o : result.failures()) {
            summary.append("\n- `").append(o.id()).append("`: ").append(StepRemedies.WORDING.withRemedy(o.error(), o.remedy()));
        }
        List<Outcome> skipped = result.outcomes().stream().filter(o -> o.status() == Outcome.Status.SKIPPED).toList();
        skipped.stream().limit(MAX_SKIPPED_LISTED).forEach(o -> summary.append("\n- not applied (another resource failed): `")
                .append(o.id()).append('`'));
        if (skipped.size() > MAX_SKIPPED_LISTED) {
            summary.append("\n- ").append(skipped.size() - MAX_SKIPPED_LISTED).append(" more not applied");
        }
        unhealthy.forEach(h -> summary.append("\n- unhealthy: `").append(h).append('`'));
        return withDiff(result.succeeded() && unhealthy.isEmpty(), title, summary.toString(), plan);
    }

    public static CheckText forVerify(VerifyResult result, boolean driftFails) {
        int drifted = result.drifted().size();
        int unhealthy = result.unhealthy().size();
        boolean success = (result.inSync() || !driftFails) && unhealthy == 0;
        // A directory or a Git branch holds no status: saying "healthy" there would claim what nobody looked at.
        String title = !result.healthObserved() ? (result.inSync() ? "In sync (health not observed)"
                : drifted + " drifted (health not observed)")
                : result.inSync() && unhealthy == 0 ? "In sync and healthy"
                : drifted + " drifted, " + unhealthy + " unhealthy";
        StringBuilder summary = new StringBuilder(header(result.plan())).append(title).append(".\n");
        result.drifted().forEach(c -> summary.append("\n- drift: `").append(c.id()).append('`'));
        result.unhealthy().forEach(h -> summary.append("\n- unhealthy: `").append(h).append('`'));
        return withDiff(success, title, summary.toString(), result.plan());
    }

    /** Invalid input or an error before any plan existed: the message says what to fix. */
    public static CheckText forError(String message) {
        return new CheckText(false, "Failed", message, "");
    }

    private static CheckText withDiff(boolean success, String title, String summary, Plan plan) {
        String cutSummary = cut(summary);
        return new CheckText(success, title, cutSummary, PlanMarkdown.render(plan, MAX_CHARS - cutSummary.length()));
    }

    private static String header(Plan plan) {
        return "Commit `" + plan.commit() + "`, path `" + (plan.path().isEmpty() ? "." : plan.path())
                + "`, target `" + plan.target() + "`.\n\n";
    }

    /** Summaries carry resource names and error messages, which are unbounded; keep the check publishable. */
    private static String cut(String s) {
        if (s.length() <= MAX_CHARS) {
            return s;
        }
        String marker = "\n\n... (cut: too long for a check)";
        return s.substring(0, MAX_CHARS - marker.length()) + marker;
    }
}
