package dev.optimizr.pipeline;

import dev.optimizr.codec.Admission;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A heap budget shared by the workers: a conversion takes its estimated bytes before decoding and returns
 * them when done; an image larger than the whole budget takes all of it and so runs alone. Thread-safe;
 * the semaphore is fair, so a large image waiting for the budget is not overtaken forever by small ones.
 */
final class MemoryBudget implements Admission {
  /** Share of the maximum heap the budget hands out; the rest is for the JVM, queues and reports. */
  static final double HEAP_SHARE = 0.70;

  private static final long UNIT = 1024; // permits are KiB so that terabyte heaps still fit an int

  private final Semaphore permits;
  private final int total;

  MemoryBudget(long bytes) {
    this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / UNIT));
    this.permits = new Semaphore(total, true);
  }

  /** A budget of {@link #HEAP_SHARE} of this JVM's maximum heap. */
  static MemoryBudget forThisJvm() {
    return new MemoryBudget((long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE));
  }

  @Override
  public Permit admit(long bytes) throws InterruptedException {
    int n = (int) Math.max(1, Math.min(total, (bytes + UNIT - 1) / UNIT));
    permits.acquire(n);
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        permits.release(n);
      }
    };
  }

  /** KiB not handed out right now. */
  int availableKib() {
    return permits.availablePermits();
  }
}
