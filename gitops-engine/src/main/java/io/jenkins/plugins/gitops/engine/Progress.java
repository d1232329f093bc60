package io.jenkins.plugins.gitops.engine;

/**
 * Receives progress of long work ("rendered 400 of 1000") and warnings the user should see. The CLI prints
 * both to stderr, the plugin to the build log. Called from worker threads: implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (phase, done, total) -> { };

    void update(String phase, int done, int total);

    default void warn(String message) {
    }
}
