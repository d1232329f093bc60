package io.jenkins.plugins.gitops.steps;

import java.io.Serializable;

/**
 * What comes back from the agent: the call's {@link StepResult}, whether the plan was written to the request's page
 * file (false when no plan was made), the call's label ({@link StepLabel}: a saved plan's name or path names a call
 * that gave neither, also when the apply was refused), the check's words, an error message when the input was invalid or the target refused (then
 * {@code result} is null), and after an apply or a verify the environment's DORA figures as JSON ({@link StepMetrics};
 * null when there are none). Plain values only: engine exception types never cross the channel. Every string is
 * masked with the request's {@link SecretMask}.
 */
public record StepResponse(StepResult result, boolean planSaved, String label, boolean success,
        String checkTitle, String checkSummary, String checkText, String error, String metrics)
        implements Serializable {

    /** A call that failed before it had a plan, labelled as given (null: the front end labels it). */
    public static StepResponse failed(String message, String label) {
        CheckText check = CheckText.forError(message);
        return new StepResponse(null, false, label, false, check.title(), check.summary(), check.text(), message, null);
    }
}
