package dev.optimizr.pipeline;

import dev.optimizr.analytics.ProcessStats;
import dev.optimizr.codec.Stage;
import dev.optimizr.codec.StageClock;

/**
 * Measures one image's stages on the worker thread: wall time and bytes allocated by that thread
 * (ThreadMXBean deltas) between stage ends. Not thread-safe: one instance per worker, reset per image.
 */
final class StageTimer implements StageClock {
  private final long[] nanos = new long[Stage.values().length];
  private final long[] bytes = new long[Stage.values().length];
  private long lastNanos;
  private long lastBytes;

  /** Starts timing a new image. */
  void reset() {
    java.util.Arrays.fill(nanos, 0);
    java.util.Arrays.fill(bytes, 0);
    lastNanos = System.nanoTime();
    lastBytes = ProcessStats.currentThreadAllocatedBytes();
  }

  @Override
  public void stageDone(Stage stage) {
    long now = System.nanoTime();
    long allocated = ProcessStats.currentThreadAllocatedBytes();
    nanos[stage.ordinal()] = now - lastNanos;
    bytes[stage.ordinal()] = allocated >= 0 && lastBytes >= 0 ? allocated - lastBytes : 0;
    lastNanos = now;
    lastBytes = allocated;
  }

  long[] nanos() {
    return nanos;
  }

  long[] bytes() {
    return bytes;
  }
}
