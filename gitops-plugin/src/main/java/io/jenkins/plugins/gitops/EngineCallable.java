package io.jenkins.plugins.gitops;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.gitops.steps.SecretMask;
import io.jenkins.plugins.gitops.steps.StepRequest;
import io.jenkins.plugins.gitops.steps.StepResponse;
import io.jenkins.plugins.gitops.steps.StepRunner;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one step call on the agent that holds the workspace, through gitops-steps (which translates the
 * request for the engine's use cases and is tested without Jenkins).
 */
final class EngineCallable extends MasterToSlaveFileCallable<StepResponse> {
    private static final long serialVersionUID = 1L;

    private final StepRequest request;
    // A TaskListener is remotable (SerializableOnlyOverRemoting): log lines written here reach the build log.
    private final TaskListener listener;

    EngineCallable(StepRequest request, TaskListener listener) {
        this.request = request;
        this.listener = listener;
    }

    @Override
    public StepResponse invoke(File workspace, VirtualChannel channel) throws IOException {
        SecretMask mask = new SecretMask(request.secretPattern());
        MaskedLog masked = MaskedLog.of(listener.getLogger(), mask);
        PrintStream log = masked.out();
        try {
            return new StepRunner(log).run(request);
        } catch (RuntimeException e) {
            // A bug, not bad input: keep the trace in the log, send only text (the type may not load on the controller).
            e.printStackTrace(log);
            throw new IOException(mask.apply(Messages.Engine_Failed(e.toString())));
        } finally {
            // The build log reaches the controller in delayed batches: without this, the lines written here would
            // appear after the step has returned, under the next stage. Flushed I/O completes before act() returns.
            masked.finish();
        }
    }
}
