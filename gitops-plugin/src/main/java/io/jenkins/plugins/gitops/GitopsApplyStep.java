package io.jenkins.plugins.gitops;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.steps.StepRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsApply}: carries out a saved plan exactly as reviewed ({@code planFile}), or plans and applies
 * at once ({@code autoApprove: true}), then optionally waits for health ({@code wait: true}). Like
 * {@code gitops apply}.
 */
public final class GitopsApplyStep extends GitopsHealthStep {
    private static final long serialVersionUID = 1L;

    private String planFile;
    private boolean autoApprove;
    private boolean prune = true;
    private int parallelism = ApplyOptions.DEFAULT_PARALLELISM;
    private String lockWait = ApplyOptions.DEFAULT_LOCK_WAIT;

    @DataBoundConstructor
    public GitopsApplyStep() {
    }

    public String getPlanFile() {
        return planFile;
    }

    @DataBoundSetter
    public void setPlanFile(String planFile) {
        this.planFile = Util.fixEmptyAndTrim(planFile);
    }

    public boolean isAutoApprove() {
        return autoApprove;
    }

    @DataBoundSetter
    public void setAutoApprove(boolean autoApprove) {
        this.autoApprove = autoApprove;
    }

    public boolean isPrune() {
        return prune;
    }

    /** With {@code autoApprove}: whether resources removed from the desired state are deleted. */
    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public int getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public String getLockWait() {
        return lockWait;
    }

    /** How long to wait for another run's lock on the target, ISO-8601 ({@code PT2M}). */
    @DataBoundSetter
    public void setLockWait(String lockWait) {
        String w = Util.fixEmptyAndTrim(lockWait);
        this.lockWait = w == null ? ApplyOptions.DEFAULT_LOCK_WAIT : w;
    }

    /** A saved plan that records no environment path is named by its file, not as the root ".". */
    @Override
    String fallbackLabel() {
        return planFile != null ? planFile : super.fallbackLabel();
    }

    @Override
    StepRequest.Operation operation() {
        return StepRequest.Operation.APPLY;
    }

    @Override
    void configure(StepRequest.Builder request, FilePath workspace) throws AbortException {
        if ((planFile == null) == !autoApprove) {
            throw new AbortException(planFile == null ? Messages.GitopsApplyStep_PlanOrAutoApprove()
                    : Messages.GitopsApplyStep_NotBoth());
        }
        if (parallelism < 1) {
            throw new AbortException(Messages.GitopsApplyStep_Parallelism(parallelism));
        }
        request.prune(prune).parallelism(parallelism).lockWait(duration("lockWait", lockWait));
        configureHealth(request);
        if (planFile != null) {
            request.planFile(workspace.child(planFile).getRemote(), planFile);
        }
    }

    @Extension
    public static final class DescriptorImpl extends GitopsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "gitopsApply";
        }

        @Override
        public String getDisplayName() {
            return Messages.GitopsApplyStep_DisplayName();
        }
    }
}
