package io.jenkins.plugins.gitops.engine;

/**
 * Counts steps of one phase done by several threads and reports them in order: the count and the report
 * happen under one lock, so "3 of 5" is never printed after "5 of 5".
 */
public final class ProgressCounter {
    private final Progress progress;
    private final String phase;
    private final int total;
    private int done;

    public ProgressCounter(Progress progress, String phase, int total) {
        this.progress = progress;
        this.phase = phase;
        this.total = total;
    }

    public synchronized void step() {
        progress.update(phase, ++done, total);
    }
}
