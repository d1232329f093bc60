package io.jenkins.plugins.gitops;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.gitops.steps.StepRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsVerify}: compares the target with the desired state (drift) and, on targets with
 * controllers, checks health, waiting up to {@code timeout} with {@code wait: true}. Like {@code gitops verify}.
 */
public final class GitopsVerifyStep extends GitopsHealthStep {
    private static final long serialVersionUID = 1L;

    private boolean failOnDrift = true;

    @DataBoundConstructor
    public GitopsVerifyStep() {
    }

    public boolean isFailOnDrift() {
        return failOnDrift;
    }

    /** Drift fails the step (and the check) unless false; unhealthy resources always fail it. */
    @DataBoundSetter
    public void setFailOnDrift(boolean failOnDrift) {
        this.failOnDrift = failOnDrift;
    }

    @Override
    StepRequest.Operation operation() {
        return StepRequest.Operation.VERIFY;
    }

    @Override
    void configure(StepRequest.Builder request, FilePath workspace) throws AbortException {
        configureHealth(request);
        request.failOnDrift(failOnDrift);
    }

    @Extension
    public static final class DescriptorImpl extends GitopsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "gitopsVerify";
        }

        @Override
        public String getDisplayName() {
            return Messages.GitopsVerifyStep_DisplayName();
        }
    }
}
