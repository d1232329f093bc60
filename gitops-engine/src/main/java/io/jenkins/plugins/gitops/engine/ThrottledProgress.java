package io.jenkins.plugins.gitops.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Passes on a phase's first step, its last, and each further tenth in between, so a 10,000-resource run
 * reports a dozen lines per phase whatever prints them (a terminal, a build log). Warnings all pass.
 */
public final class ThrottledProgress implements Progress {
    private final Progress sink;
    private final Map<String, Integer> lastTenth = new HashMap<>();

    public ThrottledProgress(Progress sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void update(String phase, int done, int total) {
        if (total <= 0) {
            return;
        }
        int tenth = done * 10 / total;
        Integer last = lastTenth.get(phase);
        if (last == null || tenth > last) {
            lastTenth.put(phase, tenth);
            sink.update(phase, done, total);
        }
        if (done >= total) {
            lastTenth.remove(phase);
        }
    }

    @Override
    public synchronized void warn(String message) {
        sink.warn(message);
    }
}
