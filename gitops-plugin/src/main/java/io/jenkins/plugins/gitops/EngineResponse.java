package io.jenkins.plugins.gitops;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What comes back from the agent: the step's result map, the plan as JSON for the build page (null when
 * no plan was made), the check's words, and an error message when the input was invalid or the target
 * refused (then {@code result} is null).
 */
record EngineResponse(LinkedHashMap<String, Object> result, String planJson, boolean success, String checkTitle,
        String checkSummary, String checkText, String error) implements Serializable {

    static EngineResponse failed(String message) {
        return new EngineResponse(null, null, false, "Failed", message, "", message);
    }
}
