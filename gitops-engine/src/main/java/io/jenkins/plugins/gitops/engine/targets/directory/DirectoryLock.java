package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A lock held through a record file; every look at the record happens under the guard. */
final class DirectoryLock implements TargetLock {
    private final String target;
    private final JsonRecord<LockRecord> store;
    private final LockGuard guard;
    private final Clock clock;
    private final Duration lease;
    private final Optional<LockRecord> tookOverFrom;
    private volatile LockRecord record;

    private DirectoryLock(String target, JsonRecord<LockRecord> store, LockGuard guard, Clock clock, Duration lease,
            LockRecord record, Optional<LockRecord> tookOverFrom) {
        this.target = target;
        this.store = store;
        this.guard = guard;
        this.clock = clock;
        this.lease = lease;
        this.record = record;
        this.tookOverFrom = tookOverFrom;
    }

    static DirectoryLock acquire(String target, JsonRecord<LockRecord> store, LockGuard guard, Clock clock,
            String holder, Duration lease) {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("a lock needs a holder");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lock lease must be positive: " + lease);
        }
        return guard.hold(() -> {
            Instant now = clock.instant();
            Optional<LockRecord> previous = store.read();
            if (previous.isPresent() && !previous.get().expired(now)) {
                throw new TargetLockedException(target, previous.get());
            }
            LockRecord mine = new LockRecord(holder, now, now.plus(lease));
            store.write(mine);
            return new DirectoryLock(target, store, guard, clock, lease, mine, previous);
        });
    }

    @Override
    public LockRecord record() {
        return record;
    }

    @Override
    public Optional<LockRecord> tookOverFrom() {
        return tookOverFrom;
    }

    /** Renews even a lease that ran out, as long as nobody took the lock over meanwhile. */
    @Override
    public void renew() {
        guard.hold(() -> {
            Optional<LockRecord> current = store.read();
            if (!isMine(current)) {
                throw new TargetException("lock lost on target " + target + ": " + current
                        .map(other -> "it is now held by " + other.holder() + " since " + other.acquiredAt())
                        .orElse("its record " + store.file() + " is gone")
                        + " (the lease of " + record.holder() + " ran out, or the record was removed by hand);"
                        + " stop this run and re-run plan and apply");
            }
            LockRecord renewed = new LockRecord(record.holder(), record.acquiredAt(), clock.instant().plus(lease));
            store.write(renewed);
            record = renewed;
            return null;
        });
    }

    /** Releases the lock if it is still ours; a lock taken over by someone else is left to them. */
    @Override
    public void close() {
        guard.hold(() -> {
            if (isMine(store.read())) {
                store.delete();
            }
            return null;
        });
    }

    private boolean isMine(Optional<LockRecord> current) {
        return current.isPresent() && current.get().equals(record);
    }
}
