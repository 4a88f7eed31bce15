package dev.tradingbatch.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much heap something holds while it runs, from the collector's own reports (a sampling thread would not do:
 * G1 updates the heap's usage only at collections): the most heap left in use after any collection during the work
 * (what it retained at that moment, its garbage gone), and the most in use before one (the heap's high-water mark,
 * garbage included). A collection is forced before the work starts, so earlier garbage counts in neither, and one
 * after it ends, which counts in the first (what the work still held at its end, results included).
 */
final class HeapPeak {

    private HeapPeak() {
    }

    /** Wall time of a piece of work and the heap it held (MiB). */
    record Measured(double seconds, double retainedMiB, double highWaterMiB) {
    }

    /** Runs {@code work}, returning its wall time and the heap it held. */
    static Measured measure(Runnable work) {
        System.gc();
        AtomicLong retained = new AtomicLong(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        AtomicLong highWater = new AtomicLong(retained.get());
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                retained.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
                highWater.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        double seconds;
        try {
            long start = System.nanoTime();
            work.run();
            seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            // the notifications come on a thread of their own: let the last one arrive
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } finally {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // not registered: nothing to remove
                }
            }
        }
        retained.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        return new Measured(seconds, retained.get() / 1048576.0, highWater.get() / 1048576.0);
    }

    /** The heap's pools' usage summed (the non-heap pools, whose names the collectors share, left out). */
    private static long heap(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pools.get(pool.getName());
            if (u != null && pool.getType() == java.lang.management.MemoryType.HEAP) {
                used += u.getUsed();
            }
        }
        return used;
    }
}
