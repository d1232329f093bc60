package io.jenkins.plugins.gitops.engine.targets.git;

import java.time.Instant;
import java.util.List;

/**
 * A commit on the environment branch that gitops did not write: the drift an agent would pull, with who made
 * it. {@code files} are the paths it changed below the target's folder.
 */
public record HandCommit(String commit, String author, String email, Instant when, String subject,
        List<String> files) {
    public HandCommit {
        files = List.copyOf(files);
    }
}
