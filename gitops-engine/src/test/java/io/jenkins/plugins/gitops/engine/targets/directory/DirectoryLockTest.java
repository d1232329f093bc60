package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import io.jenkins.plugins.gitops.engine.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(START);

    private DirectoryTarget target() {
        return new DirectoryTarget(root, clock);
    }

    @Test
    void aSecondHolderIsRefusedNamingTheFirst() {
        DirectoryTarget target = target();
        try (TargetLock first = target.lock("build-41@ci", LEASE)) {
            assertThat(first.record()).isEqualTo(new LockRecord("build-41@ci", START, START.plus(LEASE)));
            assertThat(first.tookOverFrom()).isEmpty();

            assertThatThrownBy(() -> target().lock("build-42@ci", LEASE))
                    .isInstanceOfSatisfying(TargetLockedException.class,
                            e -> assertThat(e.heldBy()).isEqualTo(first.record()))
                    .hasMessageContaining(target.identity())
                    .hasMessageContaining("locked by build-41@ci");
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderHasLostIt() {
        DirectoryTarget target = target();
        TargetLock crashed = target.lock("build-41@ci", LEASE);
        clock.advance(LEASE);

        try (TargetLock next = target.lock("build-42@ci", LEASE)) {
            assertThat(next.tookOverFrom()).contains(crashed.record());
            assertThat(next.record().holder()).isEqualTo("build-42@ci");

            assertThatThrownBy(crashed::renew)
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("lock lost on target " + target.identity())
                    .hasMessageContaining("now held by build-42@ci");
            crashed.close();
            assertThatThrownBy(() -> target.lock("build-43@ci", LEASE)).isInstanceOf(TargetLockedException.class);
        }
    }

    @Test
    void renewExtendsTheLeaseFromNow() {
        DirectoryTarget target = target();
        try (TargetLock lock = target.lock("build-41@ci", LEASE)) {
            clock.advance(Duration.ofSeconds(50));
            lock.renew();
            clock.advance(Duration.ofSeconds(50));

            assertThat(lock.record().expiresAt()).isEqualTo(START.plusSeconds(110));
            assertThat(lock.record().acquiredAt()).isEqualTo(START);
            assertThatThrownBy(() -> target.lock("build-42@ci", LEASE)).isInstanceOf(TargetLockedException.class);
        }
    }

    @Test
    void closeReleasesSoTheNextHolderGetsItAtOnce() {
        DirectoryTarget target = target();
        target.lock("build-41@ci", LEASE).close();

        assertThat(root.resolve(".gitops/lock.json")).doesNotExist();
        try (TargetLock next = target.lock("build-42@ci", LEASE)) {
            assertThat(next.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void renewAfterTheRecordWasRemovedByHandSaysTheLockIsLost() throws IOException {
        TargetLock lock = target().lock("build-41@ci", LEASE);
        Files.delete(root.resolve(".gitops/lock.json"));

        assertThatThrownBy(lock::renew)
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("lock lost")
                .hasMessageContaining("lock.json is gone");
    }

    @Test
    void aCorruptLockRecordNamesTheFile() throws IOException {
        target().lock("build-41@ci", LEASE);
        Path file = root.resolve(".gitops/lock.json");
        Files.writeString(file, "{\"holder\": ");

        assertThatThrownBy(() -> target().lock("build-42@ci", LEASE))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(":1 is not valid JSON; delete it if no gitops run is applying");
    }

    @Test
    void eightThreadsRacingForTheLockGiveExactlyOneWinnerEachRound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 25; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<TargetLock>> attempts = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    String holder = "round" + round + "-thread" + t;
                    DirectoryTarget own = new DirectoryTarget(root, clock);
                    attempts.add(pool.submit(() -> {
                        start.await();
                        try {
                            return own.lock(holder, LEASE);
                        } catch (TargetLockedException e) {
                            return null;
                        }
                    }));
                }
                start.countDown();
                List<TargetLock> winners = new ArrayList<>();
                for (Future<TargetLock> attempt : attempts) {
                    TargetLock won = attempt.get(30, TimeUnit.SECONDS);
                    if (won != null) {
                        winners.add(won);
                    }
                }

                assertThat(winners).as("winners of round %d", round).hasSize(1);
                winners.get(0).close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsSeen() throws Exception {
        Process other = holdInAnotherProcess("record", "other-process@host");
        try {
            assertThatThrownBy(() -> new DirectoryTarget(root).lock("me", LEASE))
                    .isInstanceOfSatisfying(TargetLockedException.class,
                            e -> assertThat(e.heldBy().holder()).isEqualTo("other-process@host"));
        } finally {
            release(other);
        }
        try (TargetLock mine = new DirectoryTarget(root).lock("me", LEASE)) {
            assertThat(mine.tookOverFrom()).as("the other process released, not abandoned, its lock").isEmpty();
        }
    }

    @Test
    void checkAndSetWaitsWhileAnotherProcessHoldsTheGuard() throws Exception {
        // Loads every class first, so that only the guard can hold up the attempt below.
        new DirectoryTarget(root).lock("warm-up", LEASE).close();
        Process other = holdInAnotherProcess("guard", "");
        CompletableFuture<TargetLock> attempt;
        try {
            attempt = CompletableFuture.supplyAsync(() -> new DirectoryTarget(root).lock("me", LEASE));
            assertThatThrownBy(() -> attempt.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        } finally {
            release(other);
        }
        try (TargetLock mine = attempt.get(30, TimeUnit.SECONDS)) {
            assertThat(mine.record().holder()).isEqualTo("me");
        }
    }

    @Test
    void aGuardHeldPastItsPatienceIsReportedNotWaitedForForever() throws Exception {
        Process other = holdInAnotherProcess("guard", "");
        try {
            LockGuard guard = new LockGuard(root.resolve(".gitops/lock.guard"), Duration.ofMillis(300));
            assertThatThrownBy(() -> guard.hold(() -> "taken")).isInstanceOf(TargetException.class)
                    .hasMessageContaining(root.resolve(".gitops/lock.guard").toString())
                    .hasMessageContaining("probably stopped");
        } finally {
            release(other);
        }
        assertThat(new LockGuard(root.resolve(".gitops/lock.guard"), Duration.ofMillis(300)).hold(() -> "taken"))
                .isEqualTo("taken");
    }

    private Process holdInAnotherProcess(String mode, String holder) throws IOException {
        // Surefire may start tests from a manifest-only jar; this property holds the real class path.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath, LockHolderMain.class.getName(), mode,
                root.toString(), holder).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("the other process reports it holds the lock").isEqualTo("HELD");
        return process;
    }

    private static void release(Process process) throws Exception {
        try (Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
            in.write("release\n");
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
