package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.environment.Environment;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies of different commits on one directory at once, each through its own target instance: runs
 * never interleave, the loser fails with "locked by <holder>" (or waits with a lock wait and then runs),
 * and the target is consistent with the last run after every round.
 */
class ConcurrentApplyTest {
    static final String ENV = "env";
    static final int ROUNDS = 50;

    @TempDir
    Path tmp;
    Path repo;
    String c1;
    String c2;

    @BeforeEach
    void twoCommits() {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/a.yaml", numbered(0, 8, "v", "one"));
        c1 = git.commit("one");
        git.write(ENV + "/a.yaml", numbered(2, 10, "v", "two"));
        c2 = git.commit("two");
        git.close();
        repo = git.dir();
    }

    /** Outcome of one run: null when it applied, else the lock refusal. */
    record Run(String user, String commit, TargetLockedException refused) {
    }

    @Test
    void fiftyRoundsOfTwoThreadsNeverInterleaveAndStayConsistent() throws Exception {
        Path dir = tmp.resolve("target");
        Environment env1 = new FlowFixture(repo, ENV, new DirectoryTarget(dir)).load(c1);
        Environment env2 = new FlowFixture(repo, ENV, new DirectoryTarget(dir)).load(c2);
        int refusals = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean wait = round % 2 == 1;
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<CompletableFuture<Run>> runs = new ArrayList<>();
            for (String user : List.of("run-a", "run-b")) {
                Environment env = (user.equals("run-a")) == (round % 4 < 2) ? env1 : env2;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    RecordingTarget target = new RecordingTarget(new DirectoryTarget(dir), e -> events.add(user + " " + e), 1);
                    Applier applier = new Applier(target, Progress.NONE, Clock.systemUTC());
                    await(barrier);
                    try {
                        boolean ok = applier.planAndApply(env, true, ApplyOptions.defaults(user)
                                .withParallelism(4).withLockWait(wait ? Duration.ofSeconds(20) : Duration.ZERO)).succeeded();
                        assertThat(ok).isTrue();
                        return new Run(user, env.commit(), null);
                    } catch (TargetLockedException e) {
                        return new Run(user, env.commit(), e);
                    }
                }));
            }
            List<Run> results = runs.stream().map(CompletableFuture::join).toList();
            String last = assertNotInterleaved(events);
            for (Run run : results) {
                if (run.refused() != null) {
                    refusals++;
                    assertThat(wait).as("with a lock wait both runs apply").isFalse();
                    String other = run.user().equals("run-a") ? "run-b" : "run-a";
                    assertThat(run.refused()).hasMessageContaining("locked by " + other + "@");
                    assertThat(events).noneMatch(e -> e.startsWith(run.user() + " "));
                }
            }
            String lastCommit = results.stream().filter(r -> r.user().equals(last)).findFirst().orElseThrow().commit();
            DirectoryTarget target = new DirectoryTarget(dir);
            assertThat(new FlowFixture(repo, ENV, target).verify(lastCommit).inSync()).as("round " + round).isTrue();
            assertThat(target.readInventory().resources()).isEqualTo(target.stored());
        }
        assertThat(refusals).as("rounds without a lock wait really raced").isGreaterThanOrEqualTo(ROUNDS / 4);
    }

    @Test
    void twoProcessesNeverInterleave() throws Exception {
        Path dir = tmp.resolve("target");
        for (int round = 0; round < 2; round++) {
            boolean wait = round == 1;
            List<Process> processes = new ArrayList<>();
            for (String user : List.of("proc-a", "proc-b")) {
                processes.add(KilledApplyTest.start(List.of(repo.toString(), user.equals("proc-a") ? c1 : c2, ENV,
                        dir.toString(), user, "10000", "60", wait ? "30000" : "0")));
            }
            List<String> events = new ArrayList<>();
            List<String> finals = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process p = processes.get(i);
                String user = i == 0 ? "proc-a" : "proc-b";
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        String[] parts = line.split(" ", 2);
                        events.add(parts[0] + " " + user + " " + parts[1]);
                        if (parts[1].startsWith("APPLIED") || parts[1].startsWith("LOCKED") || parts[1].startsWith("FAILED")) {
                            finals.add(user + " " + parts[1]);
                        }
                    }
                }
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            events.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
            List<String> ordered = events.stream().map(e -> e.substring(e.indexOf(' ') + 1))
                    .filter(e -> !e.contains(" APPLIED") && !e.contains(" LOCKED")).toList();
            String last = assertNotInterleaved(ordered);
            assertThat(finals).hasSize(2).noneMatch(f -> f.contains("FAILED"));
            if (wait) {
                assertThat(finals).allMatch(f -> f.endsWith("APPLIED"));
            } else {
                assertThat(finals).anyMatch(f -> f.endsWith("APPLIED"));
                finals.stream().filter(f -> f.contains("LOCKED")).forEach(f -> assertThat(f)
                        .contains("locked by " + (f.startsWith("proc-a") ? "proc-b" : "proc-a") + "@"));
            }
            DirectoryTarget target = new DirectoryTarget(dir);
            assertThat(new FlowFixture(repo, ENV, target).verify(last.equals("proc-a") ? c1 : c2).inSync()).isTrue();
            assertThat(target.readInventory().resources()).isEqualTo(target.stored());
        }
    }

    /** Checks that each run's events lie between its own start and end; returns the run that ended last. */
    static String assertNotInterleaved(List<String> events) {
        String current = null;
        String last = null;
        for (String event : events) {
            String run = event.substring(0, event.indexOf(' '));
            String what = event.substring(event.indexOf(' ') + 1);
            if (what.equals("start")) {
                assertThat(current).as("%s started while %s held the lock: %s", run, current, events).isNull();
                current = run;
            } else {
                assertThat(run).as("event of %s outside its lock: %s", run, events).isEqualTo(current);
                if (what.equals("end")) {
                    current = null;
                    last = run;
                }
            }
        }
        assertThat(current).isNull();
        assertThat(last).isNotNull();
        return last;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
