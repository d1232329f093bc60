package io.jenkins.plugins.gitops.steps;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;

/** Step requests as the tests make them: a call for a commit of a test repository, made by a user. */
final class StepRequests {
    private StepRequests() {
    }

    /** A call by {@code user} for {@code commit} of {@code repo} at {@code path}, to {@code target}. */
    static StepRequest.Builder of(StepRequest.Operation operation, GitRepoFixture repo, String commit, String path,
            StepTarget target, String user) {
        return StepRequest.builder(operation).repository(repo.dir().toString()).defaultCommit(commit).path(path)
                .target(target).user(user);
    }

    /** The directory {@code target} under {@code tmp}. */
    static StepTarget directory(Path tmp) {
        return new StepTarget.Directory(tmp.resolve("target").toString());
    }
}
