package io.jenkins.plugins.gitops.engine.targets.directory;

import static io.jenkins.plugins.gitops.engine.testing.ConfigMaps.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyResult;
import io.jenkins.plugins.gitops.engine.apply.Outcome;
import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.flow.FlowFixture;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.report.ApplyText;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.4: the disk fills up during an apply. Every resource's outcome is reported, the error names the
 * full disk (not the lock), what was written is owned, no temp file is left, and once there is space again the
 * next apply converges. The full disk is a seam ({@link Disk}): writes start, get half their bytes out and
 * fail as ENOSPC does.
 */
class DiskFullTest {
    static final String ENV = "env";
    static final String ENOSPC = "No space left on device";

    @TempDir
    Path tmp;

    static final class FillingDisk implements Disk {
        volatile boolean full;

        @Override
        public void writeNew(Path temp, byte[] content, Set<FileAttribute<?>> attributes) throws IOException {
            if (full) {
                REAL.writeNew(temp, Arrays.copyOf(content, content.length / 2), attributes);
                throw new FileSystemException(temp.toString(), null, ENOSPC);
            }
            REAL.writeNew(temp, content, attributes);
        }

        @Override
        public void rename(Path from, Path to) throws IOException {
            REAL.rename(from, to);
        }
    }

    @Test
    void fullDiskIsNamedForEveryResourceAndLeavesNoTempFiles() throws IOException {
        GitRepoFixture git = GitRepoFixture.init(tmp.resolve("repo"));
        git.write(ENV + "/base.yaml", configMap("base", "v", "1"));
        String c1 = git.commit("base");
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            more.append("---\n").append(configMap("new-" + i, "v", "1"));
        }
        git.write(ENV + "/more.yaml", more.toString());
        String c2 = git.commit("more");
        git.close();
        FillingDisk disk = new FillingDisk();
        Path dir = tmp.resolve("target");
        DirectoryTarget target = new DirectoryTarget(dir, Clock.systemUTC(), disk);
        assertThat(new FlowFixture(tmp.resolve("repo"), ENV, target).applyNow(c1).succeeded()).isTrue();

        AtomicInteger writes = new AtomicInteger();
        FailingTarget filling = new FailingTarget(target, id -> false) {
            @Override
            public LiveObject apply(Resource resource) {
                LiveObject written = super.apply(resource);
                if (writes.incrementAndGet() == 2) {
                    disk.full = true;
                }
                return written;
            }
        };
        FlowFixture flow = new FlowFixture(tmp.resolve("repo"), ENV, filling);
        ApplyResult result = new Applier(filling, Progress.NONE, Clock.systemUTC())
                .planAndApply(flow.load(c2), true, FlowFixture.options().withParallelism(1));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.outcomes()).hasSize(7);
        assertThat(result.outcomes()).extracting(Outcome::status).containsOnly(Outcome.Status.UNCHANGED,
                Outcome.Status.DONE, Outcome.Status.FAILED);
        assertThat(result.failures()).hasSize(4).allSatisfy(o -> assertThat(o.error()).contains(ENOSPC)
                .contains(o.id().name()).doesNotContain("lock"));
        assertThat(result.recordError()).contains(ENOSPC).doesNotContain("lock");
        String text = ApplyText.render(result);
        assertThat(text).contains(ENOSPC).doesNotContainIgnoringCase("cannot confirm the lock");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        disk.full = false;
        DirectoryTarget fresh = new DirectoryTarget(dir);
        assertThat(fresh.readInventory().resources()).as("what was written is owned").containsAll(fresh.stored());

        FlowFixture again = new FlowFixture(tmp.resolve("repo"), ENV, fresh);
        assertThat(again.applyNow(c2).succeeded()).isTrue();
        assertThat(again.verify(c2).inSync()).isTrue();
        assertThat(fresh.stored()).hasSize(7);
    }
}
