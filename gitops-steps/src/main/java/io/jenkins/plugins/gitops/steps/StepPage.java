package io.jenkins.plugins.gitops.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a build page keeps of one step call: the plan it showed and, after an apply, each resource's outcome (done,
 * unchanged, failed with its reason, skipped), so that the page of a failed apply says which resource failed and
 * why. Outcome errors are already worded for the page's reader. A page written before outcomes were kept is a plain
 * plan file; it reads as a page without outcomes.
 */
public record StepPage(Plan plan, List<Outcome> outcomes) {
    private static final String PLAN = "plan";
    private static final String OUTCOMES = "outcomes";

    public StepPage {
        outcomes = List.copyOf(outcomes);
    }

    public static void write(StepPage page, Path file) {
        ObjectNode node = Json.mapper().createObjectNode();
        try {
            node.set(PLAN, Json.mapper().readTree(PlanFile.toJson(page.plan())));
            node.set(OUTCOMES, Json.mapper().valueToTree(page.outcomes()));
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".page", ".tmp");
            Files.writeString(tmp, Json.mapper().writeValueAsString(node));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GitopsException("cannot write the page of the step call to " + file + ": " + e.getMessage(), e);
        }
    }

    public static StepPage read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new GitopsException("cannot read the page of the step call " + file + ": " + e.getMessage(), e);
        }
    }

    public static StepPage fromJson(String text, String name) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new GitopsException(name + " is not the page of a step call (line " + e.getLocation().getLineNr()
                    + " is not valid JSON)");
        }
        if (node == null || !node.has(PLAN)) {
            return new StepPage(PlanFile.fromJson(text, name), List.of());
        }
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (JsonNode outcome : node.path(OUTCOMES)) {
                outcomes.add(Json.mapper().treeToValue(outcome, Outcome.class));
            }
        } catch (JsonProcessingException e) {
            throw new GitopsException(name + " cannot be read: " + e.getOriginalMessage());
        }
        return new StepPage(PlanFile.fromJson(node.get(PLAN).toString(), name), outcomes);
    }
}
