package dev.optimizr.pipeline;

import dev.optimizr.codec.Admission;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A heap budget shared by the workers: a conversion takes its estimated bytes before decoding and returns
 * them when done; an image larger than the whole budget takes all of it and so runs alone, and
 * {@link #admitAlone()} lets a worker retry an image with no other conversion in the heap. Thread-safe;
 * the semaphore is fair, so a large image waiting for the budget is not overtaken forever by small ones.
 */
final class MemoryBudget implements Admission {
  /** Share of the maximum heap the budget hands out; the rest is for the JVM, queues and reports. */
  static final double HEAP_SHARE = 0.70;

  private static final long UNIT = 1024; // permits are KiB so that terabyte heaps still fit an int

  private final Semaphore permits;
  private final int total;
  /** The thread holding the whole budget through {@link #admitAlone()}, or null. */
  private volatile Thread alone;

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
    if (alone == Thread.currentThread()) {
      return () -> { }; // already holds everything (a retry inside admitAlone)
    }
    return acquire((int) Math.max(1, Math.min(total, (bytes + UNIT - 1) / UNIT)), false);
  }

  /**
   * Waits until no other conversion holds any of the budget and takes all of it; until the permit is
   * closed, {@link #admit} from this thread grants at once and other threads wait.
   */
  Permit admitAlone() throws InterruptedException {
    return acquire(total, true);
  }

  private Permit acquire(int n, boolean exclusive) throws InterruptedException {
    permits.acquire(n);
    if (exclusive) {
      alone = Thread.currentThread();
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        if (exclusive) {
          alone = null;
        }
        permits.release(n);
      }
    };
  }

  /** KiB not handed out right now. */
  int availableKib() {
    return permits.availablePermits();
  }
}
