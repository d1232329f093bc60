package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Remedy;

/** How a front end words a {@link Remedy}: as a command-line flag, as a step parameter. */
@FunctionalInterface
public interface RemedyWording {
    /** For readers who use no particular front end. */
    RemedyWording NEUTRAL = Remedy::neutral;

    String word(Remedy remedy);

    /** The error's message followed by its remedy, if it has one, in these words. */
    default String message(GitopsException e) {
        return withRemedy(e.getMessage(), e.remedy().orElse(null));
    }

    /** {@code problem}, then {@code "; "} and the worded remedy when there is one. */
    default String withRemedy(String problem, Remedy remedy) {
        return remedy == null ? problem : problem + "; " + word(remedy);
    }
}
