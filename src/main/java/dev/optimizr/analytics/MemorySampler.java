package dev.optimizr.analytics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes a {@link MemorySnapshot} at start, every interval on one daemon thread, and at stop, so even a
 * short run has two. Thread-safe: snapshots are appended and read under the sampler's lock.
 */
public final class MemorySampler implements AutoCloseable {
  private final Duration interval;
  private final GcMonitor gc;
  private final Clock clock;
  private final List<MemorySnapshot> snapshots = new ArrayList<>();
  private ScheduledExecutorService executor;

  public MemorySampler(Duration interval, GcMonitor gc, Clock clock) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("sample interval must be positive: " + interval);
    }
    this.interval = interval;
    this.gc = gc;
    this.clock = clock;
  }

  /** Takes the first snapshot and starts sampling. */
  public synchronized void start() {
    sample();
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "optimizr-sampler");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    executor.scheduleAtFixedRate(this::sample, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Stops sampling (waiting up to 5 s for a sample in progress) and takes the final snapshot. */
  public void stop() throws InterruptedException {
    ScheduledExecutorService e;
    synchronized (this) {
      e = executor;
      executor = null;
    }
    if (e != null) {
      e.shutdownNow();
      e.awaitTermination(5, TimeUnit.SECONDS);
      sample();
    }
  }

  /** Takes one snapshot now. */
  public void sample() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemorySnapshot s = new MemorySnapshot(clock.instant(), heap.getUsed(), heap.getCommitted(),
        ProcessStats.totalAllocatedBytes(), ProcessStats.residentBytes(), GcMonitor.collectionCount(),
        gc.lastPauseMillis(), gc.takeFloor());
    synchronized (this) {
      snapshots.add(s);
    }
  }

  /** The snapshots so far, oldest first. */
  public synchronized List<MemorySnapshot> snapshots() {
    return List.copyOf(snapshots);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
