package io.jenkins.plugins.gitops.engine.flow;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Polling;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTarget;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.KubernetesTargetConfig;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import io.jenkins.plugins.gitops.engine.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An apply that is aborted, or loses its lock to another run, leaves the target to the truth. */
class ApplySafetyTest {
    static final ResourceId FIRST = new ResourceId("", "ConfigMap", "shop", "first");
    static final ResourceId LATE = new ResourceId("", "ConfigMap", "shop", "late");

    @TempDir
    Path tmp;
    GitRepoFixture git;
    Path dir;

    @BeforeEach
    void repo() throws Exception {
        git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write("env/first.yaml", configMap("first"));
        git.write("env/late.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n  namespace: shop\n"
                + "  annotations:\n    gitops.jenkins.io/wave: \"5\"\n");
        git.commit("two waves");
        dir = tmp.resolve("target");
    }

    @Test
    void abortedApplyFinishesTheWriteInFlightRecordsItSkipsTheRestAndReleasesTheLock() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DirectoryTarget real = new DirectoryTarget(dir);
        FailingTarget blocking = new FailingTarget(real, id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                if (resource.id().equals(FIRST)) {
                    writing.countDown();
                    awaitQuietly(release);
                }
                return super.apply(resource);
            }
        };
        FlowFixture flow = new FlowFixture(git.dir(), "env", blocking);
        AtomicReference<ApplyResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread applying = new Thread(() -> {
            result.set(flow.applyNow("HEAD"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        applying.start();
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
        applying.interrupt();
        // The write runs on the wave's pool; the run takes the abort where it waits for the write, which clears
        // its thread's interrupt status: only then does the write end.
        assertThat(Polling.until(applying::isInterrupted, pending -> !pending, Duration.ofSeconds(30),
                Duration.ofMillis(1))).as("the run took the abort while the write was in flight").isFalse();
        release.countDown();
        applying.join(30_000);

        assertThat(result.get().outcomes()).extracting(Outcome::id, Outcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FIRST, Outcome.Status.DONE),
                org.assertj.core.groups.Tuple.tuple(LATE, Outcome.Status.SKIPPED));
        assertThat(stillInterrupted).isTrue();
        assertThat(real.readInventory().resources()).containsExactly(FIRST);
        assertThat(real.readInventory().current()).as("no revision applied").isEmpty();
        assertThat(real.readInventory().history()).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(Revision.Result.FAILED);
            assertThat(r.errorClass()).isEqualTo("interrupted");
        });
        try (TargetLock next = real.lock("next run", Duration.ofMinutes(1))) {
            assertThat(next.record().holder()).isEqualTo("next run");
        }
    }

    @Test
    void applyThatLostItsLockStopsAndLeavesTheInventoryToTheNewHolder() throws Exception {
        DirectoryTarget real = new DirectoryTarget(dir);
        Inventory theirs = new Inventory(new TreeSet<>(List.of(new ResourceId("", "ConfigMap", "shop", "made-by-b"))),
                List.of());
        FailingTarget stolen = new FailingTarget(real, id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                LiveObject applied = super.apply(resource);
                if (resource.id().equals(FIRST)) {
                    // Another run finds no valid lock (ours expired during a long pause) and takes it.
                    deleteQuietly(dir.resolve(".gitops/lock.json"));
                    DirectoryTarget other = new DirectoryTarget(dir);
                    other.lock("run B", Duration.ofMinutes(5));
                    other.writeInventory(theirs);
                }
                return applied;
            }
        };
        FlowFixture flow = new FlowFixture(git.dir(), "env", stolen);

        assertThatThrownBy(() -> flow.applyNow("HEAD")).isInstanceOf(GitopsException.class)
                .hasMessageContaining("cannot confirm the lock");
        assertThat(real.readInventory()).isEqualTo(theirs);
        assertThat(dir.resolve("_core/ConfigMap/shop/late.yaml")).doesNotExist();
    }

    @Test
    void everyWaveIsOwnedBeforeTheFirstWritesInOneInventoryWrite() {
        DirectoryTarget real = new DirectoryTarget(dir);
        List<Inventory> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Inventory> seenByFirstWrite = new java.util.concurrent.CopyOnWriteArrayList<>();
        FailingTarget recording = new FailingTarget(real, id -> false) {
            @Override
            public void writeInventory(Inventory inventory) {
                written.add(inventory);
                super.writeInventory(inventory);
            }

            @Override
            public LiveObject apply(Resource resource) {
                if (resource.id().equals(FIRST)) {
                    seenByFirstWrite.add(real.readInventory());
                }
                return super.apply(resource);
            }
        };

        assertThat(applyThrough(recording, FROZEN).succeeded()).isTrue();
        assertThat(seenByFirstWrite).singleElement().extracting(Inventory::resources)
                .isEqualTo(new TreeSet<>(List.of(FIRST, LATE)));
        assertThat(written).as("the write-ahead, then the record with the revision").hasSize(2);
    }

    @Test
    void wavesStartedWithinASecondOfARenewalDoNotWaitForAnother() {
        java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
        ApplyResult result = applyThrough(withRenewHook(new DirectoryTarget(dir), renewals::set), FROZEN);

        assertThat(result.succeeded()).isTrue();
        assertThat(renewals).as("only the renewal before the inventory").hasValue(1);
    }

    @Test
    void aWaveStartedAfterASecondRenewsTheLockFirst() {
        AtomicLong monotonic = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
        FailingTarget slowFirstWave = new FailingTarget(withRenewHook(new DirectoryTarget(dir), renewals::set),
                id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                monotonic.addAndGet(TimeUnit.SECONDS.toNanos(2));
                return super.apply(resource);
            }
        };
        ApplyResult result = applyThrough(slowFirstWave, monotonic::get);

        assertThat(result.succeeded()).isTrue();
        assertThat(renewals).as("before the second wave and before the inventory").hasValue(2);
    }

    /**
     * A cluster does not fence writes by the lock as the directory target does: only the engine's renewal before
     * a wave notices a lease taken away by hand (not by expiry, which the lease check before each write catches).
     */
    @Test
    void aLeaseDeletedByHandStopsTheNextWaveOnACluster() throws Exception {
        try (FakeApiServer api = new FakeApiServer()) {
            KubernetesTargetConfig config = KubernetesTargetConfig.builder().namespace("shop").inventoryName("env")
                    .build();
            KubernetesTarget cluster = new KubernetesTarget(config, api.client());
            AtomicLong monotonic = new AtomicLong();
            FailingTarget stolen = new FailingTarget(cluster, id -> false) {
                @Override
                public LiveObject apply(Resource resource) {
                    LiveObject applied = super.apply(resource);
                    if (resource.id().equals(FIRST)) {
                        api.client().leases().inNamespace(config.inventoryNamespace()).withName("gitops-env").delete();
                        cluster.lock("run B", Duration.ofMinutes(5));
                        monotonic.addAndGet(TimeUnit.SECONDS.toNanos(2));
                    }
                    return applied;
                }
            };

            assertThatThrownBy(() -> applyThrough(stolen, monotonic::get)).isInstanceOf(GitopsException.class)
                    .hasMessageContaining("cannot confirm the lock");
            assertThat(api.client().configMaps().inNamespace("shop").withName("first").get()).isNotNull();
            assertThat(api.client().configMaps().inNamespace("shop").withName("late").get()).isNull();
        }
    }

    /** The real target, whose lock runs {@code beforeRenew} with the renewal's number before each renewal. */
    private FailingTarget withRenewHook(io.jenkins.plugins.gitops.engine.targets.Target real,
            java.util.function.IntConsumer beforeRenew) {
        java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
        return new FailingTarget(real, id -> false) {
            @Override
            public TargetLock lock(String holder, Duration lease) {
                TargetLock lock = super.lock(holder, lease);
                return new TargetLock() {
                    @Override
                    public io.jenkins.plugins.gitops.engine.targets.LockRecord record() {
                        return lock.record();
                    }

                    @Override
                    public java.util.Optional<io.jenkins.plugins.gitops.engine.targets.LockRecord> tookOverFrom() {
                        return lock.tookOverFrom();
                    }

                    @Override
                    public void renew() {
                        beforeRenew.accept(renewals.incrementAndGet());
                        lock.renew();
                    }

                    @Override
                    public void close() {
                        lock.close();
                    }
                };
            }
        };
    }

    /** A monotonic clock that stands still: every wave starts within a second of the lock's acquisition. */
    private static final LongSupplier FROZEN = () -> 0L;

    private ApplyResult applyThrough(FailingTarget target, LongSupplier nanoTime) {
        return new io.jenkins.plugins.gitops.engine.apply.Applier(target, io.jenkins.plugins.gitops.engine.Progress.NONE,
                java.time.Clock.systemUTC(), DiffMode.CLIENT, nanoTime).planAndApply(new FlowFixture(git.dir(), "env", target).load("HEAD"), true,
                FlowFixture.options());
    }

    @Test
    void aRenewalThatFailsOnceIsNotALostLockAndIsLogged() {
        DirectoryTarget real = new DirectoryTarget(dir);
        ApplyResult result;
        try (LogCapture log = LogCapture.of(LOCK_KEEPER)) {
            result = applyThrough(withRenewHook(real, n -> {
                if (n == 1) {
                    throw new io.jenkins.plugins.gitops.engine.targets.TargetException("API server timed out");
                }
            }), FROZEN);
            assertThat(log.records()).anySatisfy(failedRenewal("renewal 1 of 3 of the target lock failed"));
        }

        assertThat(result.succeeded()).isTrue();
        assertThat(real.readInventory().resources()).containsExactly(FIRST, LATE);
    }

    /** The renewal in the background has no caller to report to: its failure goes to the log, and the run goes on. */
    @Test
    void aFailedBackgroundRenewalIsLoggedAndTheApplyGoesOn() throws Exception {
        CountDownLatch backgroundFailed = new CountDownLatch(1);
        AtomicBoolean waited = new AtomicBoolean();
        FailingTarget renewalFailsInBackground = new FailingTarget(withRenewHook(new DirectoryTarget(dir), n -> {
            if (Thread.currentThread().getName().equals("gitops-lock-renewal")) {
                backgroundFailed.countDown();
                throw new io.jenkins.plugins.gitops.engine.targets.TargetException("API server timed out");
            }
        }), id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                if (resource.id().equals(FIRST)) {
                    try {
                        waited.set(backgroundFailed.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.apply(resource);
            }
        };

        try (LogCapture log = LogCapture.of(LOCK_KEEPER)) {
            // Renewed every second in the background; writes past 1.5 s renew first, on the applying threads.
            ApplyResult result = new io.jenkins.plugins.gitops.engine.apply.Applier(renewalFailsInBackground,
                    io.jenkins.plugins.gitops.engine.Progress.NONE, java.time.Clock.systemUTC(), DiffMode.CLIENT,
                    System::nanoTime).planAndApply(new FlowFixture(git.dir(), "env", renewalFailsInBackground)
                    .load("HEAD"), true, FlowFixture.options().withLease(Duration.ofSeconds(3)));

            assertThat(waited).as("a background renewal ran during the write").isTrue();
            assertThat(result.succeeded()).isTrue();
            assertThat(log.records()).anySatisfy(failedRenewal("background renewal of the target lock failed"));
        }
    }

    private static final String LOCK_KEEPER = "io.jenkins.plugins.gitops.engine.apply.LockKeeper";

    private static java.util.function.Consumer<LogRecord> failedRenewal(String message) {
        return r -> {
            assertThat(r.getLevel()).isEqualTo(Level.FINE);
            assertThat(r.getMessage()).contains(message);
            assertThat(r.getThrown()).hasMessage("API server timed out");
        };
    }

    @Test
    void anInterruptBetweenWavesStillRecordsWhatWasWritten() {
        DirectoryTarget real = new DirectoryTarget(dir);
        // The waves start within a second of taking the lock, so the first renewal is the one before the
        // inventory: an abort arriving just then.
        ApplyResult result = applyThrough(withRenewHook(real, n -> {
            if (n == 1) {
                Thread.currentThread().interrupt();
            }
        }), FROZEN);

        assertThat(Thread.interrupted()).as("the interrupt is handed back to the caller").isTrue();
        assertThat(result.outcomes()).extracting(Outcome::status).containsOnly(Outcome.Status.DONE);
        assertThat(real.readInventory().resources()).containsExactly(FIRST, LATE);
    }

    @Test
    void twoRunsOfOneUserOnOneClusterDoNotShareTheLease() throws Exception {
        try (FakeApiServer api = new FakeApiServer()) {
            KubernetesTarget cluster = new KubernetesTarget(KubernetesTargetConfig.builder().namespace("shop")
                    .inventoryName("env").build(), api.client());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            FailingTarget slow = new FailingTarget(cluster, id -> false) {
                @Override
                public LiveObject apply(Resource resource) {
                    holding.countDown();
                    awaitQuietly(done);
                    return super.apply(resource);
                }
            };
            CompletableFuture<ApplyResult> first = CompletableFuture.supplyAsync(
                    () -> new FlowFixture(git.dir(), "env", slow).applyNow("HEAD"));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                // Same user, same host, same JVM: only the run id tells the two apart.
                assertThatThrownBy(() -> new FlowFixture(git.dir(), "env", cluster).applyNow("HEAD"))
                        .hasMessageContaining("locked by tester@");
            } finally {
                done.countDown();
            }
            assertThat(first.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
