package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.Remedy;
import io.jenkins.plugins.gitops.engine.GitopsException;

/** The plan no longer describes what applying would do; nothing was applied. */
public class StalePlanException extends GitopsException {
    private static final long serialVersionUID = 1L;

    public StalePlanException(String message) {
        super(message);
    }

    public StalePlanException(String message, Remedy remedy) {
        super(message, remedy);
    }
}
