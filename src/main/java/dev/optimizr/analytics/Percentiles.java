package dev.optimizr.analytics;

/**
 * Per-image processing time distribution in milliseconds. Immutable.
 * p50/p95/p99 come from an HdrHistogram with 3 significant digits; min, max and mean are exact.
 */
public record Percentiles(double minMs, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {
  /** No image was timed. */
  public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);
}
