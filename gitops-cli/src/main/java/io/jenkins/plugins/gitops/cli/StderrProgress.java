package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.ThrottledProgress;
import java.io.PrintWriter;

/** Progress and warnings on stderr, so stdout stays the result; the engine's throttle keeps it short. */
final class StderrProgress {
    private StderrProgress() {
    }

    static Progress to(PrintWriter err, boolean quiet) {
        return new ThrottledProgress(new Progress() {
            @Override
            public void update(String phase, int done, int total) {
                if (!quiet) {
                    err.printf("%s: %d of %d%n", phase, done, total);
                    err.flush();
                }
            }

            @Override
            public void warn(String message) {
                err.println("warning: " + message);
                err.flush();
            }
        });
    }
}
