package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.Progress;
import java.io.PrintStream;

/**
 * Progress for the build log: a line when a phase starts, at each further tenth, and when it ends, so a
 * plan of 10,000 resources writes a dozen lines, not 10,000. Called from worker threads.
 */
final class LogProgress implements Progress {
    private final PrintStream log;
    private String phase;
    private int lastTenth = -1;

    LogProgress(PrintStream log) {
        this.log = log;
    }

    @Override
    public synchronized void update(String newPhase, int done, int total) {
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            lastTenth = -1;
        }
        int tenth = total == 0 ? 10 : done * 10 / total;
        if (tenth > lastTenth) {
            lastTenth = tenth;
            log.println("[gitops] " + newPhase + ": " + done + "/" + total);
        }
    }

    @Override
    public synchronized void warn(String message) {
        log.println("[gitops] WARNING: " + message);
    }
}
