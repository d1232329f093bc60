package io.jenkins.plugins.gitops;

import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.gitops.engine.api.Wait;
import io.jenkins.plugins.gitops.steps.StepRequest;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The steps that can wait for health after their work ({@code gitopsApply}, {@code gitopsVerify}), like the
 * command line's {@code --wait --timeout}: on targets with controllers, until every resource is Current, one
 * Failed, or the timeout.
 */
public abstract class GitopsHealthStep extends GitopsStep {
    private static final long serialVersionUID = 1L;

    private boolean wait;
    private String timeout = Wait.DEFAULT_TIMEOUT;

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
        this.timeout = t == null ? Wait.DEFAULT_TIMEOUT : t;
    }

    void configureHealth(StepRequest.Builder request) throws AbortException {
        request.health(wait, duration("timeout", timeout));
    }
}
