package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.api.ApplyResponse;
import io.jenkins.plugins.gitops.engine.api.PlanResponse;
import io.jenkins.plugins.gitops.engine.plan.Change;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.metrics.MetricsReport;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.report.DiffDetail;
import io.jenkins.plugins.gitops.engine.report.Escape;
import io.jenkins.plugins.gitops.engine.report.HistoryText;
import io.jenkins.plugins.gitops.engine.report.MetricsMarkdown;
import io.jenkins.plugins.gitops.engine.report.MetricsText;
import io.jenkins.plugins.gitops.engine.report.PlanMarkdown;
import io.jenkins.plugins.gitops.engine.report.PlanText;
import io.jenkins.plugins.gitops.engine.report.VerifyText;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.verify.VerifyResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Results on stdout in the format asked for. Every rendering comes from the engine's report package. */
final class Printer {
    /** GitHub's limit for a check's text; also a sensible bound for a pull-request comment. */
    static final int MARKDOWN_LIMIT = PlanMarkdown.CHECKS_API_LIMIT;

    private Printer() {
    }

    static void plan(PrintWriter out, OutputFormat format, DiffDetail detail, PlanResponse response) {
        Plan plan = response.plan();
        out.print(switch (format) {
            case text -> PlanText.render(plan, detail) + hidden(detail, plan.changes());
            case json -> Escape.json(response.json());
            case markdown -> PlanMarkdown.render(plan, MARKDOWN_LIMIT);
        });
        if (response.savedTo() != null && format == OutputFormat.text) {
            out.println("Plan saved to " + response.savedTo() + "; apply it with: gitops apply " + response.savedTo());
        }
        out.flush();
    }

    /** Says how to see the bodies the text left out, when it left any out. */
    private static String hidden(DiffDetail detail, List<Change> changes) {
        return changes.stream().anyMatch(detail::hides)
                ? "The bodies of creates and deletes are not shown; --show-bodies prints them.\n" : "";
    }

    static void apply(PrintWriter out, OutputFormat format, ApplyResponse response) {
        if (format == OutputFormat.json) {
            out.print(json(Map.of("apply", response.result(), "unhealthy", response.unhealthy())));
        } else {
            out.print(ApplyText.render(response.result(), CliRemedies.WORDING));
            response.unhealthy().forEach(h -> out.println(Escape.printable("unhealthy: " + h)));
        }
        out.flush();
    }

    static void verify(PrintWriter out, OutputFormat format, DiffDetail detail, VerifyResult result) {
        out.print(switch (format) {
            case text -> VerifyText.render(result, detail) + hidden(detail, result.drifted());
            case json -> json(result);
            case markdown -> PlanMarkdown.render(result.plan(), MARKDOWN_LIMIT);
        });
        out.flush();
    }

    static void history(PrintWriter out, OutputFormat format, Inventory inventory) {
        out.print(format == OutputFormat.json ? json(inventory.history()) : HistoryText.render(inventory));
        out.flush();
    }

    static void metrics(PrintWriter out, OutputFormat format, MetricsReport report) {
        out.print(switch (format) {
            case text -> MetricsText.render(report);
            case json -> json(report);
            case markdown -> MetricsMarkdown.render(report);
        });
        out.flush();
    }

    private static String json(Object value) {
        try {
            return Escape.json(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("results are plain records", e);
        }
    }
}
