package io.jenkins.plugins.gitops.engine;

/**
 * An error the user can act on. The message names the file, line or resource and says what to do;
 * it never holds a secret value, because callers print it as it is.
 */
public class GitopsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitopsException(String message) {
        super(message);
    }

    public GitopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
