package io.jenkins.plugins.gitops.engine.flow;

import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.ApiServer;
import io.jenkins.plugins.gitops.engine.targets.Capabilities;
import io.jenkins.plugins.gitops.engine.targets.ChangeHistory;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A real target that refuses writes chosen by the test: the fault-injection seam for apply tests. */
public class FailingTarget implements Target {
    private final Target delegate;
    private final Predicate<ResourceId> fails;

    public FailingTarget(Target delegate, ResourceId failing) {
        this(delegate, failing::equals);
    }

    public FailingTarget(Target delegate, Predicate<ResourceId> fails) {
        this.delegate = delegate;
        this.fails = fails;
    }

    @Override
    public String identity() {
        return delegate.identity();
    }

    @Override
    public Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        return delegate.read(ids);
    }

    @Override
    public LiveObject apply(Resource resource) {
        if (fails.test(resource.id())) {
            throw new TargetException("injected failure writing " + resource.id());
        }
        return delegate.apply(resource);
    }

    @Override
    public void delete(ResourceId id) {
        if (fails.test(id)) {
            throw new TargetException("injected failure deleting " + id);
        }
        delegate.delete(id);
    }

    @Override
    public Inventory readInventory() {
        return delegate.readInventory();
    }

    @Override
    public void writeInventory(Inventory inventory) {
        delegate.writeInventory(inventory);
    }

    @Override
    public TargetLock lock(String holder, Duration lease) {
        return delegate.lock(holder, lease);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void checkInventory(Inventory inventory) {
        delegate.checkInventory(inventory);
    }

    @Override
    public Optional<byte[]> digestKey() {
        return delegate.digestKey();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public Optional<ApiServer> apiServer() {
        return delegate.apiServer();
    }

    @Override
    public Optional<ChangeHistory> changeHistory() {
        return delegate.changeHistory();
    }
}
