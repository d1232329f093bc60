package io.jenkins.plugins.gitops.steps;

/**
 * How a step call is labelled on its page, its check and the job's deployments view, so that one environment keeps
 * one name across plan, apply of the saved plan and refusals: the step's {@code name:}, else the name recorded in the
 * plan it used, else the step's {@code path:}, else the plan's path, else the plan file as the step gave it, else
 * the root ".".
 */
public final class StepLabel {
    private StepLabel() {
    }

    public static String of(String name, String planName, String path, String planPath, String planFile) {
        for (String candidate : new String[] {name, planName, path, planPath, planFile}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return ".";
    }
}
