package io.jenkins.plugins.gitops.engine.adversarial;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.directory.DirectoryTarget;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.3: what a run that dies half way wrote is owned, so a later rollback prunes it and verify sees it.
 * The death is simulated in process: the target's k-th write succeeds and then the run ends with an
 * {@link Error}, and no later write of any thread happens, so nothing after it (no final inventory) runs, as
 * after a SIGKILL.
 */
class KilledRunOwnershipTest {
    static final String ENV = "env";

    @TempDir
    Path tmp;
    String c1;
    String c2;

    /** A run killed right after its k-th write. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed");
        }
    }

    @BeforeEach
    void twoCommits() {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/base.yaml", configMap("base-a", "v", "1") + "---\n" + configMap("base-b", "v", "1"));
        c1 = git.commit("base");
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            more.append("---\n").append(configMap("new-" + i, "v", "1"));
        }
        git.write(ENV + "/more.yaml", more.toString());
        c2 = git.commit("six more");
        git.close();
    }

    private DirectoryTarget killedWhileApplyingC2(int killAfter) {
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("target"));
        assertThat(new FlowFixture(tmp.resolve("repo"), ENV, target).applyNow(c1).succeeded()).isTrue();
        AtomicInteger writes = new AtomicInteger();
        FailingTarget dying = new FailingTarget(target, id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                int write = writes.incrementAndGet();
                if (write > killAfter) {
                    throw new Killed(); // a dead process writes nothing more, whichever thread asks
                }
                LiveObject written = super.apply(resource);
                if (write == killAfter) {
                    throw new Killed();
                }
                return written;
            }
        };
        assertThatThrownBy(() -> new FlowFixture(tmp.resolve("repo"), ENV, dying).applyNow(c2))
                .hasRootCauseInstanceOf(Killed.class);
        // Writes run in parallel: a write still in flight when the kill lands may or may not have reached the
        // disk, so the run left between one and killAfter of its new files.
        assertThat(target.stored().size()).as("the run died half way").isBetween(2 + 1, 2 + killAfter);
        return target;
    }

    /**
     * A failed task must not end the apply while another still writes: the caller would then release the lock
     * and record the inventory with a write in flight (and this class's own counts would race with it).
     */
    @Test
    void anErrorEndsTheApplyOnlyAfterTheWritesInFlightHaveEnded() {
        DirectoryTarget target = new DirectoryTarget(tmp.resolve("target"));
        CountDownLatch failing = new CountDownLatch(1);
        AtomicBoolean slowWriteEnded = new AtomicBoolean();
        FailingTarget dying = new FailingTarget(target, id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                String name = resource.id().name();
                if (name.equals("base-a")) {
                    failing.countDown();
                    throw new Killed();
                }
                if (name.equals("base-b")) {
                    try {
                        failing.await();
                        // Still writing well after the other task failed; nothing counts this latch down.
                        new CountDownLatch(1).await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("cut short by the apply's end", e);
                    }
                    LiveObject written = super.apply(resource);
                    slowWriteEnded.set(true);
                    return written;
                }
                return super.apply(resource);
            }
        };

        assertThatThrownBy(() -> new FlowFixture(tmp.resolve("repo"), ENV, dying).applyNow(c1))
                .hasRootCauseInstanceOf(Killed.class);
        assertThat(slowWriteEnded).isTrue();
    }

    @Test
    void everythingAKilledRunWroteIsOwned() {
        DirectoryTarget target = killedWhileApplyingC2(3);
        assertThat(target.readInventory().resources()).containsAll(target.stored());
    }

    @Test
    void verifyOfTheOldCommitSeesWhatAKilledRunLeft() {
        DirectoryTarget target = killedWhileApplyingC2(3);
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, target);
        var verify = flow.verify(c1);
        assertThat(verify.inSync()).isFalse();
        assertThat(verify.drifted()).allMatch(c -> c.action() == Action.DELETE)
                .extracting(c -> c.id().name()).allMatch(name -> name.startsWith("new-"));
    }

    @Test
    void rollbackAfterAKilledRunPrunesWhatItWrote() {
        DirectoryTarget target = killedWhileApplyingC2(4);
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, target);

        assertThat(flow.applyNow(c1).succeeded()).isTrue();

        Set<ResourceId> desired = flow.load(c1).desired().byId().keySet();
        assertThat(target.stored()).isEqualTo(desired);
        assertThat(target.readInventory().resources()).isEqualTo(desired);
        assertThat(flow.verify(c1).inSync()).isTrue();
    }
}
