package io.jenkins.plugins.gitops.engine.targets;

/**
 * The lock this run held is now another run's (its lease ran out and it was taken over, or its record was
 * removed): unlike a failure to reach the target, retrying cannot help, and nothing more may be written.
 */
public class LockLostException extends TargetException {
    private static final long serialVersionUID = 1L;

    public LockLostException(String message) {
        super(message);
    }

    public LockLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
