package io.jenkins.plugins.gitops.engine.adversarial;

import io.jenkins.plugins.gitops.engine.flow.FailingTarget;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real target that reports, per run, when it holds the lock and each write it makes, and may pause
 * after each write: the seam for the concurrency and kill tests.
 */
public class RecordingTarget extends FailingTarget {
    private final Consumer<String> events;
    private final long pauseMillis;

    public RecordingTarget(Target delegate, Consumer<String> events, long pauseMillis) {
        super(delegate, id -> false);
        this.events = events;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public LiveObject apply(Resource resource) {
        LiveObject written = super.apply(resource);
        events.accept("write " + resource.id());
        pause();
        return written;
    }

    @Override
    public void delete(ResourceId id) {
        super.delete(id);
        events.accept("delete " + id);
    }

    @Override
    public TargetLock lock(String holder, Duration lease) {
        TargetLock lock = super.lock(holder, lease);
        events.accept("start");
        return new TargetLock() {
            @Override
            public LockRecord record() {
                return lock.record();
            }

            @Override
            public Optional<LockRecord> tookOverFrom() {
                return lock.tookOverFrom();
            }

            @Override
            public void renew() {
                lock.renew();
            }

            @Override
            public void close() {
                events.accept("end");
                lock.close();
            }
        };
    }

    private void pause() {
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
