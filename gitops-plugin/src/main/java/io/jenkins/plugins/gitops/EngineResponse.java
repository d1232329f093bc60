package io.jenkins.plugins.gitops;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What comes back from the agent: the step's result map, whether the plan was written to the request's page
 * file (false when no plan was made), the environment path the plan records, the check's words, and an error
 * message when the input was invalid or the target refused (then {@code result} is null). Every string is
 * already masked.
 */
record EngineResponse(LinkedHashMap<String, Object> result, boolean planSaved, String planPath, boolean success,
        String checkTitle, String checkSummary, String checkText, String error) implements Serializable {

    static EngineResponse failed(String message) {
        return new EngineResponse(null, false, null, false, "Failed", message, "", message);
    }
}
