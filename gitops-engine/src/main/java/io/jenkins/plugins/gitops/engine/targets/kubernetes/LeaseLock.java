package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.targets.LockLostException;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The target lock as a {@code coordination.k8s.io/v1} Lease, the object Kubernetes' own leader election uses.
 * Every change is a create or an update carrying the resourceVersion that was read, so of two runs racing for
 * the lock the API server lets exactly one through; the other re-reads and sees the winner.
 */
final class LeaseLock implements TargetLock {
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final KubernetesErrors errors;
    private final Clock clock;
    private final String namespace;
    private final String name;
    private final Optional<LockRecord> tookOverFrom;
    private Lease lease;
    private LockRecord held;

    private LeaseLock(KubernetesClient client, KubernetesErrors errors, Clock clock, Lease lease,
            Optional<LockRecord> tookOverFrom) {
        this.client = client;
        this.errors = errors;
        this.clock = clock;
        this.namespace = lease.getMetadata().getNamespace();
        this.name = lease.getMetadata().getName();
        this.lease = lease;
        this.held = record(lease).orElseThrow();
        this.tookOverFrom = tookOverFrom;
    }

    static LeaseLock acquire(KubernetesClient client, KubernetesErrors errors, Clock clock, String target,
            String namespace, String name, String holder, Duration duration) {
        String what = "leases.coordination.k8s.io \"" + name + "\"";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Lease current = errors.call("get", what, namespace,
                    () -> client.leases().inNamespace(namespace).withName(name).get());
            ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            int seconds = (int) Math.max(1, (duration.toMillis() + 999) / 1000);
            try {
                if (current == null) {
                    Lease fresh = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                            .addToLabels("app.kubernetes.io/managed-by", "gitops-pipeline").endMetadata()
                            .withNewSpec().withHolderIdentity(holder).withAcquireTime(now).withRenewTime(now)
                            .withLeaseDurationSeconds(seconds).withLeaseTransitions(0).endSpec().build();
                    Lease created = client.leases().inNamespace(namespace).resource(fresh).create();
                    return new LeaseLock(client, errors, clock, created, Optional.empty());
                }
                Optional<LockRecord> previous = record(current);
                boolean held = previous.isPresent() && !previous.get().expired(clock.instant());
                if (held && !holder.equals(previous.get().holder())) {
                    throw new TargetLockedException(target, previous.get());
                }
                Optional<LockRecord> tookOver = held ? Optional.empty() : previous;
                int transitions = current.getSpec().getLeaseTransitions() == null ? 0
                        : current.getSpec().getLeaseTransitions();
                Lease taken = new LeaseBuilder(current).editSpec().withHolderIdentity(holder).withAcquireTime(now)
                        .withRenewTime(now).withLeaseDurationSeconds(seconds)
                        .withLeaseTransitions(transitions + (previous.isPresent() ? 1 : 0)).endSpec().build();
                Lease updated = client.leases().inNamespace(namespace).resource(taken).update();
                return new LeaseLock(client, errors, clock, updated, tookOver);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: another run changed the lease since we read it; read again
                    throw errors.translate(e, current == null ? "create" : "update", what, namespace);
                }
            }
        }
        throw new TargetException("could not take the lock " + namespace + "/" + name + " of " + target + " after "
                + ATTEMPTS + " attempts: other runs keep changing it; retry");
    }

    @Override
    public synchronized LockRecord record() {
        return held;
    }

    @Override
    public Optional<LockRecord> tookOverFrom() {
        return tookOverFrom;
    }

    @Override
    public synchronized void renew() {
        String holder = lease.getSpec().getHolderIdentity();
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Lease renewed = new LeaseBuilder(lease).editSpec().withRenewTime(now).endSpec().build();
        try {
            lease = client.leases().inNamespace(namespace).resource(renewed).update();
            held = record(lease).orElseThrow();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                throw new LockLostException("lost the lock " + namespace + "/" + name + " held by " + holder
                        + ": another run took it over after the lease ran out; stop and re-plan", e);
            }
            throw errors.translate(e, "update", "leases.coordination.k8s.io \"" + name + "\"", namespace);
        }
    }

    /** Clears the holder (rather than deleting) so the lease keeps its transition count for diagnosis. */
    @Override
    public synchronized void close() {
        Lease released = new LeaseBuilder(lease).editSpec().withHolderIdentity(null).endSpec().build();
        try {
            lease = client.leases().inNamespace(namespace).resource(released).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) { // 409/404: already someone else's; nothing to release
                throw errors.translate(e, "update", "leases.coordination.k8s.io \"" + name + "\"", namespace);
            }
        }
    }

    private static Optional<LockRecord> record(Lease lease) {
        var spec = lease.getSpec();
        if (spec == null || spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty()) {
            return Optional.empty();
        }
        Instant acquired = spec.getAcquireTime() == null ? Instant.EPOCH : spec.getAcquireTime().toInstant();
        Instant renewed = spec.getRenewTime() == null ? acquired : spec.getRenewTime().toInstant();
        long seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
        return Optional.of(new LockRecord(spec.getHolderIdentity(), acquired, renewed.plusSeconds(seconds)));
    }
}
