package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.targets.LockLostException;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A lock held through a record file; every change of the record happens under the guard. Each acquisition is
 * a generation (holder and start), and the lock is the {@link Fence} of the writes made under it.
 */
final class DirectoryLock implements TargetLock, Fence {
    private final String target;
    private final JsonRecord<LockRecord> store;
    private final LockGuard guard;
    private final Clock clock;
    private final Duration lease;
    private final Optional<LockRecord> tookOverFrom;
    private final String tag;
    private volatile LockRecord record;
    private volatile boolean closed;

    private DirectoryLock(String target, JsonRecord<LockRecord> store, LockGuard guard, Clock clock, Duration lease,
            LockRecord record, Optional<LockRecord> tookOverFrom) {
        this.target = target;
        this.store = store;
        this.guard = guard;
        this.clock = clock;
        this.lease = lease;
        this.record = record;
        this.tookOverFrom = tookOverFrom;
        this.tag = tagOf(record);
    }

    /** A short name of the generation that holds (or held) {@code record}, for temp file names. */
    static String tagOf(LockRecord record) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest((record.holder() + "@" + record.acquiredAt())
                    .getBytes(StandardCharsets.UTF_8));
            return "g" + HexFormat.of().formatHex(sha, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
            store.write(mine, Fence.NONE);
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
                throw new LockLostException("lock lost on target " + target + ": " + current
                        .map(other -> "it is now held by " + other.holder() + " since " + other.acquiredAt())
                        .orElse("its record " + store.file() + " is gone")
                        + " (the lease of " + record.holder() + " ran out, or the record was removed by hand);"
                        + " stop this run and re-run plan and apply");
            }
            LockRecord renewed = new LockRecord(record.holder(), record.acquiredAt(), clock.instant().plus(lease));
            store.write(renewed, Fence.NONE);
            record = renewed;
            return null;
        });
    }

    @Override
    public String tag() {
        return tag;
    }

    /**
     * Reads the record as it is now (it is replaced atomically, so no guard is needed to read it): the write
     * about to be made may go ahead only while this generation holds the lock.
     */
    @Override
    public void check() {
        Optional<LockRecord> current = store.read();
        if (closed || !current.map(this::sameGeneration).orElse(false)) {
            throw new LockLostException("lock lost on target " + target + ": " + current
                    .map(other -> "it is now held by " + other.holder() + " since " + other.acquiredAt())
                    .orElse("it is no longer held") + "; this write was not made. Stop this run and re-run plan"
                    + " and apply");
        }
    }

    boolean closed() {
        return closed;
    }

    private boolean sameGeneration(LockRecord other) {
        return other.holder().equals(record.holder()) && other.acquiredAt().equals(record.acquiredAt());
    }

    /** Releases the lock if it is still ours; a lock taken over by someone else is left to them. */
    @Override
    public void close() {
        closed = true;
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
