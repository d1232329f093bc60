package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepTarget;
import hudson.FilePath;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serializable;

/** Where a step plans against, applies to or verifies: {@code directory(...)}, {@code kubernetes(...)} or {@code gitBranch(...)}. */
public abstract class GitopsTarget extends AbstractDescribableImpl<GitopsTarget> implements Serializable {
    // Serializable: the running step (and so its target) is saved with the Pipeline's program state.
    private static final long serialVersionUID = 1L;

    /**
     * Turns this configuration into what the agent opens. Files it needs (a kubeconfig) go into
     * {@code callTmp}, a directory on the agent deleted when the step ends.
     */
    abstract StepTarget prepare(Run<?, ?> run, FilePath workspace, FilePath callTmp, TaskListener listener)
            throws IOException, InterruptedException;
}
