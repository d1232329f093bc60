package io.jenkins.plugins.gitops.engine;

import java.util.Optional;

/**
 * An error the user can act on. The message names the file, line or resource and states the problem; what to
 * do about it, when the engine knows, is a {@link Remedy} that the front end words as its own option. The
 * message never holds a secret value, because callers print it as it is.
 */
public class GitopsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Remedy remedy;

    public GitopsException(String message) {
        this(message, (Remedy) null);
    }

    public GitopsException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public GitopsException(String message, Remedy remedy) {
        super(message);
        this.remedy = remedy;
    }

    public GitopsException(String message, Remedy remedy, Throwable cause) {
        super(message, cause);
        this.remedy = remedy;
    }

    public Optional<Remedy> remedy() {
        return Optional.ofNullable(remedy);
    }
}
