package dev.optimizr.pipeline;

/**
 * After each image, asks for a full collection when heap use passes a threshold (the original design's
 * 70 %), so that large decoded rasters are returned before the next large image is decoded. Thread-safe.
 */
final class HeapGuard {
  static final double DEFAULT_THRESHOLD = 0.70;

  private final double threshold;

  HeapGuard(double threshold) {
    this.threshold = threshold;
  }

  /** Returns true when it called {@code System.gc()}. */
  boolean afterImage() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    if ((double) used / rt.maxMemory() > threshold) {
      System.gc();
      return true;
    }
    return false;
  }
}
