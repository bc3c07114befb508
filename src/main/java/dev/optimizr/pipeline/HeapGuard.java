package dev.optimizr.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * After each image, asks for a collection when the heap holds more garbage than {@link #GARBAGE_SLACK}
 * (heap in use beyond what the running conversions were granted), or when heap use passes a share of the
 * maximum (the original design's 70 %). Thread-safe; one request at a time.
 *
 * <p>Why: decoded rasters are single huge arrays, and G1 commits new heap for one rather than collecting the
 * dead ones first, up to its limit; under a heap sized for the largest images, a photo run would grow its
 * heap by hundreds of megabytes of garbage. Collecting once the garbage passes the slack keeps the heap near
 * what is really decoded at once. The launcher makes {@code System.gc()} a concurrent cycle
 * ({@code -XX:+ExplicitGCInvokesConcurrent}): its first pause frees dead rasters at once (G1's eager
 * reclaim of humongous arrays), and G1 then returns the heap it no longer needs (docs/decisions.md, ADR-5).
 */
final class HeapGuard {
  static final double DEFAULT_THRESHOLD = 0.70;
  /** Garbage tolerated between collections: about three 24-MP photos' rasters and files. */
  static final long GARBAGE_SLACK = 256L << 20;

  private final double threshold;
  private final long slack;
  private final MemoryBudget budget;
  private final AtomicBoolean collecting = new AtomicBoolean();

  HeapGuard(double threshold, long slack, MemoryBudget budget) {
    this.threshold = threshold;
    this.slack = slack;
    this.budget = budget;
  }

  /** The default threshold and slack; {@code -Doptimizr.gc.garbage-slack-mb=N} sets the slack (benchmarks). */
  HeapGuard(MemoryBudget budget) {
    this(DEFAULT_THRESHOLD, Long.getLong("optimizr.gc.garbage-slack-mb", GARBAGE_SLACK >> 20) << 20, budget);
  }

  /**
   * Returns true when it called {@code System.gc()} because the heap passed the threshold ({@code
   * forced_gc_runs}: the heap is tight); a collection of garbage past the slack is routine and not counted.
   */
  boolean afterImage() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    boolean tight = (double) used / rt.maxMemory() > threshold;
    if ((tight || used - budget.heldBytes() > slack) && collecting.compareAndSet(false, true)) {
      try {
        System.gc();
      } finally {
        collecting.set(false);
      }
      return tight;
    }
    return false;
  }
}
