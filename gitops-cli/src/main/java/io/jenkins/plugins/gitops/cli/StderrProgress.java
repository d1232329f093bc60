package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.Progress;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Progress on stderr, so stdout stays the result. Prints a phase's first and last step and every tenth in
 * between, which keeps a 10,000-resource run to a dozen lines per phase.
 */
final class StderrProgress implements Progress {
    private final PrintWriter err;
    private final boolean quiet;
    private final Map<String, Integer> lastDecile = new HashMap<>();

    StderrProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void update(String phase, int done, int total) {
        if (quiet || total <= 0) {
            return;
        }
        int decile = done * 10 / total;
        Integer last = lastDecile.get(phase);
        if (last == null || decile > last) {
            lastDecile.put(phase, decile);
            err.printf("%s: %d of %d%n", phase, done, total);
            err.flush();
        }
        if (done >= total) {
            lastDecile.remove(phase);
        }
    }

    @Override
    public synchronized void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }
}
