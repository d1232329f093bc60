package io.jenkins.plugins.gitops.engine.targets;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Remedy;

/** A target refused or failed an operation; the message names the resource and the operation. */
public class TargetException extends GitopsException {
    private static final long serialVersionUID = 1L;

    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }

    public TargetException(String message, Remedy remedy) {
        super(message, remedy);
    }

    public TargetException(String message, Remedy remedy, Throwable cause) {
        super(message, remedy, cause);
    }
}
