package dev.optimizr.analytics;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Listens to the JVM's GC notifications for per-collection pause durations and the heap left after each
 * collection (the "floor" a leak makes rise). Safe for any number of threads: notifications arrive on a
 * JMX thread, readers call the getters from anywhere.
 */
public final class GcMonitor implements AutoCloseable {
  private final LongAdder pauses = new LongAdder();
  private final LongAdder pauseMillis = new LongAdder();
  private final LongAccumulator maxPauseMillis = new LongAccumulator(Math::max, 0);
  private final AtomicLong lastPauseMillis = new AtomicLong();
  /** Lowest heap-after-GC since the last {@link #takeFloor()}; Long.MAX_VALUE when no GC happened. */
  private final AtomicLong floorSinceLast = new AtomicLong(Long.MAX_VALUE);
  private final Set<String> heapPools;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;
  private final List<AfterGc> afterGcListeners = new CopyOnWriteArrayList<>();

  /** Told the heap left after each collection; called on the JVM's notification thread, so it must be quick. */
  @FunctionalInterface
  public interface AfterGc {
    /** @param gcAction the JVM's description, e.g. "end of major GC" or "end of minor GC" */
    void afterGc(String gcAction, long heapUsedBytes);
  }

  /** Starts listening; {@link #close()} stops. */
  public GcMonitor() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /**
   * Collections that stop the application. Concurrent cycles (G1 "Concurrent GC", ZGC/Shenandoah "Cycles")
   * are reported by the JVM too, but their duration is not a pause.
   */
  static boolean isPause(String gcName) {
    return !(gcName.contains("Concurrent") || gcName.contains("Cycles"));
  }

  private void onNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long after = heapAfter(info.getGcInfo().getMemoryUsageAfterGc());
    floorSinceLast.accumulateAndGet(after, Math::min);
    for (AfterGc l : afterGcListeners) {
      l.afterGc(info.getGcAction(), after);
    }
    if (isPause(info.getGcName())) {
      long ms = info.getGcInfo().getDuration();
      pauses.increment();
      pauseMillis.add(ms);
      maxPauseMillis.accumulate(ms);
      lastPauseMillis.set(ms);
    }
  }

  private long heapAfter(Map<String, MemoryUsage> usage) {
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        sum += e.getValue().getUsed();
      }
    }
    return sum;
  }

  /** Adds a listener for the heap left after each collection (heap-dump capture uses it). */
  public void addAfterGcListener(AfterGc l) {
    afterGcListeners.add(l);
  }

  public void removeAfterGcListener(AfterGc l) {
    afterGcListeners.remove(l);
  }

  /** The lowest heap-after-GC since the previous call, or -1 when no collection happened in between. */
  public long takeFloor() {
    long v = floorSinceLast.getAndSet(Long.MAX_VALUE);
    return v == Long.MAX_VALUE ? -1 : v;
  }

  public long pauses() {
    return pauses.sum();
  }

  public long pauseMillis() {
    return pauseMillis.sum();
  }

  public long maxPauseMillis() {
    return maxPauseMillis.get();
  }

  public long lastPauseMillis() {
    return lastPauseMillis.get();
  }

  /** Collections so far by every collector that pauses, from the MXBeans (counts even missed notifications). */
  public static long collectionCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (isPause(gc.getName()) && gc.getCollectionCount() > 0) {
        n += gc.getCollectionCount();
      }
    }
    return n;
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already gone
      }
    }
    emitters.clear();
  }
}
