package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.DiffMode;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.1: a run paused for longer than its lease (SIGSTOP, a long GC, a suspended VM) while another run
 * takes its lock over must not write once it resumes. The pause is simulated: the paused run's monotonic clock
 * jumps past its lease, and the other run takes the lock meanwhile. All twenty writes are in one wave, so the
 * check between waves alone would let the paused run overwrite the rest.
 */
class PausedRunTest {
    static final String ENV = "env";
    static final int RESOURCES = 20;
    static final int WRITTEN_BEFORE_PAUSE = 3;
    static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir
    Path tmp;

    private String commitWithConfigMaps(GitRepoFixture git, String value) {
        git.write(ENV + "/cms.yaml", numbered(0, RESOURCES, "v", value));
        return git.commit(value);
    }

    /**
     * The store the paused run writes objects through, and the target it locks. With {@code fenced} both are one
     * directory target, whose writes check the lock's generation; without, objects go through a second instance
     * that holds no lock (as a cluster, which has no fencing): only the engine's lease check protects them.
     */
    private void pausedRunStopsWriting(boolean fenced) {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        String x = commitWithConfigMaps(git, "x");
        git.close();
        Path dir = tmp.resolve("target");
        DirectoryTarget locked = new DirectoryTarget(dir);
        DirectoryTarget objects = fenced ? locked : new DirectoryTarget(dir);
        AtomicLong monotonic = new AtomicLong();
        AtomicInteger writes = new AtomicInteger();
        Inventory theirs = new Inventory(new TreeSet<>(List.of(new ResourceId("", "ConfigMap", "shop", "by-b"))),
                List.of());
        Target paused = new FailingTarget(locked, id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                LiveObject written = objects.apply(resource);
                if (writes.incrementAndGet() == WRITTEN_BEFORE_PAUSE) {
                    // Paused for two leases: the lease ran out, and run B found it expired and took the lock.
                    monotonic.addAndGet(LEASE.multipliedBy(2).toNanos());
                    takeOver(dir, theirs);
                }
                return written;
            }
        };
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, paused);
        Applier applier = new Applier(paused, Progress.NONE, Clock.systemUTC(), DiffMode.CLIENT, monotonic::get);

        assertThatThrownBy(() -> applier.planAndApply(flow.load(x), true,
                FlowFixture.options().withParallelism(1).withLease(LEASE)))
                .isInstanceOf(GitopsException.class).hasMessageContaining("cannot confirm the lock");

        assertThat(writes).as("no write after the pause").hasValue(WRITTEN_BEFORE_PAUSE);
        assertThat(new DirectoryTarget(dir).stored()).hasSize(WRITTEN_BEFORE_PAUSE);
        assertThat(new DirectoryTarget(dir).readInventory()).as("the new holder's inventory stands").isEqualTo(theirs);
    }

    private static void takeOver(Path dir, Inventory theirs) {
        try {
            Files.delete(dir.resolve(".gitops/lock.json")); // as if expired: B takes it over
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DirectoryTarget b = new DirectoryTarget(dir);
        b.lock("run B", LEASE);
        b.writeInventory(theirs);
    }

    @Test
    void pausedRunStopsBeforeItsNextWriteOnAStoreWithoutFencing() {
        pausedRunStopsWriting(false);
    }

    @Test
    void pausedRunStopsBeforeItsNextWriteOnTheDirectoryTarget() {
        pausedRunStopsWriting(true);
    }
}
