package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Waits until resources are healthy: all Current, or one Failed (no point waiting further), or the timeout.
 * A zero timeout checks once. Returns the resources that are not Current, each with its reason.
 */
public final class HealthWait {
    private final Target target;
    private final Progress progress;
    private final Duration interval;

    public HealthWait(Target target, Progress progress, Duration interval) {
        this.target = target;
        this.progress = progress;
        this.interval = interval;
    }

    public List<ResourceHealth> await(Collection<ResourceId> ids, Duration timeout) {
        if (!target.capabilities().observesHealth()) {
            return List.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<ResourceId, LiveObject> live = target.read(ids);
            List<ResourceHealth> pending = new ArrayList<>();
            boolean failed = false;
            for (ResourceId id : ids) {
                LiveObject object = live.get(id);
                ResourceHealth h = new ResourceHealth(id, object == null
                        ? new Health(HealthStatus.FAILED, "not found in the target")
                        : HealthEvaluator.evaluate(object.body()));
                if (h.health().status() != HealthStatus.CURRENT) {
                    pending.add(h);
                    failed |= h.health().status() == HealthStatus.FAILED;
                }
            }
            progress.update("health", ids.size() - pending.size(), ids.size());
            if (pending.isEmpty() || failed || System.nanoTime() >= deadline) {
                return pending;
            }
            try {
                Thread.sleep(Math.min(interval.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitopsException("interrupted while waiting for resources to become healthy");
            }
        }
    }
}
