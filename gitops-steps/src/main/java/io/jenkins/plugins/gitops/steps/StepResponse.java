package io.jenkins.plugins.gitops.steps;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What comes back from the agent: the step's result map, the plan as JSON for the build page (null when no
 * plan was made), the check's words, and an error message when the input was invalid or the target refused
 * (then {@code result} is null). Plain values only: engine exception types never cross the channel.
 */
public record StepResponse(LinkedHashMap<String, Object> result, String planJson, boolean success, String checkTitle,
        String checkSummary, String checkText, String error) implements Serializable {

    public static StepResponse failed(String message) {
        CheckText check = CheckText.forError(message);
        return new StepResponse(null, null, false, check.title(), check.summary(), check.text(), message);
    }

    static StepResponse of(LinkedHashMap<String, Object> result, String planJson, CheckText check) {
        return new StepResponse(result, planJson, check.success(), check.title(), check.summary(), check.text(), null);
    }
}
