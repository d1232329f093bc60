package io.jenkins.plugins.gitops.engine.targets.git;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push is the lock: applies racing on one branch from one head, each from its own source commit, never
 * interleave. One lands as exactly one whole commit; the others are refused as stale and write nothing.
 */
class ConcurrentBranchApplyTest {
    private static final int RUNS = 4;
    private static final String BRANCH = "env/staging";

    @TempDir
    Path tmp;

    @RepeatedTest(3)
    void racingAppliesGiveOneWholeCommitEachOrARefusal() throws Exception {
        GitRepoFixture source = GitRepoFixture.init(tmp.resolve("source"));
        List<String> commits = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            source.write("envs/staging/app.yaml",
                    configMap("settings", "run", String.valueOf(run)) + "---\n" + configMap("run-" + run));
            commits.add(source.commit("run " + run));
        }
        BareRemote remote = BareRemote.create(tmp.resolve("deploy.git"));
        GitBranchSpec spec = GitBranchSpec.parse("git:" + remote.fileUrl() + "#" + BRANCH);

        CyclicBarrier start = new CyclicBarrier(RUNS);
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        List<Future<Boolean>> results = new ArrayList<>();
        for (String commit : commits) {
            results.add(pool.submit(() -> {
                try (GitBranchTarget target = GitBranchTarget.open(spec,
                        GitBranchTargetTest.applying("source"))) {
                    start.await();
                    new FlowFixture(source.dir(), "envs/staging", target).applyNow(commit);
                    return true;
                } catch (BranchMovedException e) {
                    return false;
                }
            }));
        }
        int landed = 0;
        for (Future<Boolean> result : results) {
            landed += result.get() ? 1 : 0;
        }
        pool.shutdown();

        List<RevCommit> log = remote.log(BRANCH);
        // All read the same head before any pushed: exactly one compare-and-swap can succeed.
        assertThat(landed).isEqualTo(1);
        assertThat(log).hasSize(1);
        for (RevCommit commit : log) {
            // Each commit holds exactly what its own source commit renders, nothing of another run's.
            String run = String.valueOf(commits.indexOf(ApplyCommitMessage.of(commit).orElseThrow().commit()));
            Map<String, String> files = remote.files(commit);
            assertThat(files.get("_core/ConfigMap/shop/settings.yaml")).contains("run: '" + run + "'");
            assertThat(files.keySet().stream().filter(f -> f.startsWith("_core/ConfigMap/shop/run-")))
                    .containsExactly("_core/ConfigMap/shop/run-" + run + ".yaml");
        }
    }
}
