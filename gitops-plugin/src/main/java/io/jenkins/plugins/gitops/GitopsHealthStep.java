package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepRequest;
import hudson.AbortException;
import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The steps that can wait for health after their work ({@code gitopsApply}, {@code gitopsVerify}), like the
 * command line's {@code --wait --timeout}: on targets with controllers, until every resource is Current, one
 * Failed, or the timeout.
 */
public abstract class GitopsHealthStep extends GitopsStep {
    private static final long serialVersionUID = 1L;

    private boolean wait;
    private String timeout = "PT5M";

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public String getTimeout() {
        return timeout;
    }

    /** How long {@code wait} waits for health, ISO-8601 ({@code PT10M}). */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        String t = Util.fixEmptyAndTrim(timeout);
        this.timeout = t == null ? "PT5M" : t;
    }

    void configureHealth(StepRequest request) throws AbortException {
        request.await = wait;
        request.timeout = duration("timeout", timeout);
    }
}
