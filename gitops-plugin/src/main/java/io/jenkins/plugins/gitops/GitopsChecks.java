package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepResponse;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import java.time.LocalDateTime;
import jenkins.model.Jenkins;

/** One check per step call, named {@code GitOps <plan|apply|verify>: <name>}, linking to the call's page. */
final class GitopsChecks {
    private GitopsChecks() {
    }

    static String checkName(String kind, String name) {
        return "GitOps " + kind + ": " + name;
    }

    static void publish(Run<?, ?> run, TaskListener listener, String kind, String name, StepResponse response,
            @CheckForNull GitopsPlanAction action) {
        ChecksOutput output = new ChecksOutput.ChecksOutputBuilder()
                .withTitle(response.checkTitle())
                .withSummary(response.checkSummary())
                .withText(response.checkText())
                .build();
        ChecksDetails.ChecksDetailsBuilder details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(checkName(kind, name))
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(response.success() ? ChecksConclusion.SUCCESS : ChecksConclusion.FAILURE)
                .withCompletedAt(LocalDateTime.now())
                .withOutput(output);
        String root = Jenkins.get().getRootUrl();
        if (root != null) {
            details.withDetailsURL(root + run.getUrl() + (action == null ? "" : action.getUrlName() + "/"));
        }
        ChecksPublisherFactory.fromRun(run, listener).publish(details.build());
    }
}
