package io.jenkins.plugins.gitops.engine.metrics;

import io.jenkins.plugins.gitops.engine.source.CommitTime;
import java.util.List;
import java.util.Optional;

/** Which commits an applied revision brought to an environment; read from Git (see {@code source.GitCommitLog}). */
@FunctionalInterface
public interface CommitLog {
    /**
     * The commits reachable from {@code applied} and from none of {@code before}, that change something under
     * {@code path} ("" for the whole repository): what this apply deployed for the first time.
     *
     * @param before the commits applied earlier, newest first, never empty; earlier ones the repository does not
     *               know are ignored
     * @return empty when {@code applied} or the newest of {@code before} is not in the repository (another
     *     repository, a shallow clone, a rewritten branch), so no lead time can be measured
     */
    Optional<List<CommitTime>> brought(String applied, List<String> before, String path);
}
