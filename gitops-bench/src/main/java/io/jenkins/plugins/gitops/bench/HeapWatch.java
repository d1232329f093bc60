package io.jenkins.plugins.gitops.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap used by one piece of work, two ways. Peak used: the most the heap held at once, garbage included (what
 * the JVM had to hold): the heap just before any GC during the work, or at its end, since between collections
 * it only grows. (The sum of each pool's own peak would overstate it: the pools peak at different times, and
 * that sum can exceed -Xmx.) Peak live: the most the heap held right after any GC during the work, or after a
 * full GC at its end with its result still reachable (what the work kept alive).
 */
final class HeapWatch implements AutoCloseable {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final AtomicLong liveAfterGc = new AtomicLong();
    private final AtomicLong usedBeforeGc = new AtomicLong();
    /** Collections notified so far, and how many had happened before this watch listened. */
    private final AtomicLong notified = new AtomicLong();
    private final long collectedBefore;
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                    .mapToLong(MemoryUsage::getUsed).sum();
            long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream()
                    .mapToLong(MemoryUsage::getUsed).sum();
            liveAfterGc.accumulateAndGet(after, Math::max);
            usedBeforeGc.accumulateAndGet(before, Math::max);
            notified.incrementAndGet();
        }
    };

    HeapWatch() {
        collectedBefore = collections();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    /** Starts a measurement: collects what earlier work left and forgets earlier peaks. */
    void reset() {
        System.gc();
        // The notification of that collection comes on another thread; its "before" is earlier work's garbage.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (notified.get() < collections() - collectedBefore && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        liveAfterGc.set(0);
        usedBeforeGc.set(0);
    }

    /** Bytes at the peak since {@link #reset}. Call before {@link #peakLive}, whose full GC it would count. */
    long peakUsed() {
        return Math.max(usedBeforeGc.get(), used());
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private long used() {
        return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** Call while the work's result is still reachable. */
    long peakLive() {
        System.gc();
        long now = used();
        // GC notifications arrive on another thread; this one was just sent.
        return Math.max(now, liveAfterGc.get());
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // never added to this one
            }
        }
    }
}
