package io.jenkins.plugins.gitops;

import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.jenkins.plugins.gitops.steps.StepRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code gitopsPlan}: what applying would change; changes nothing. Like {@code gitops plan --out FILE}. */
public final class GitopsPlanStep extends GitopsStep {
    private static final long serialVersionUID = 1L;

    private String planFile;
    private boolean prune = true;

    @DataBoundConstructor
    public GitopsPlanStep() {
    }

    public String getPlanFile() {
        return planFile;
    }

    /** Where to save the plan for {@code gitopsApply}, relative to the workspace. */
    @DataBoundSetter
    public void setPlanFile(String planFile) {
        this.planFile = Util.fixEmptyAndTrim(planFile);
    }

    public boolean isPrune() {
        return prune;
    }

    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    @Override
    StepRequest.Operation operation() {
        return StepRequest.Operation.PLAN;
    }

    @Override
    void configure(StepRequest.Builder request, FilePath workspace) {
        request.prune(prune);
        if (planFile != null) {
            request.planFile(workspace.child(planFile).getRemote(), planFile);
        }
    }

    @Extension
    public static final class DescriptorImpl extends GitopsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "gitopsPlan";
        }

        @Override
        public String getDisplayName() {
            return Messages.GitopsPlanStep_DisplayName();
        }
    }
}
