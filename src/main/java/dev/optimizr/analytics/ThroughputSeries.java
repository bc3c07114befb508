package dev.optimizr.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Images finished per second over a run, in at most {@value #MAX_BUCKETS} time buckets: when the run outlasts
 * them, neighbouring buckets merge and the bucket width doubles, so memory is fixed however long the run. Safe for
 * any number of threads; each call takes a short lock.
 */
public final class ThroughputSeries {
  static final int MAX_BUCKETS = 240;

  private final long startNanos;
  private long widthNanos = 1_000_000_000L;
  private final long[] counts = new long[MAX_BUCKETS];
  private int used;

  public ThroughputSeries(long startNanos) {
    this.startNanos = startNanos;
  }

  /** One image finished at {@code nanoTime}. */
  public synchronized void finished(long nanoTime) {
    long i = Math.max(0, nanoTime - startNanos) / widthNanos;
    while (i >= MAX_BUCKETS) {
      for (int k = 0; k < MAX_BUCKETS / 2; k++) {
        counts[k] = counts[2 * k] + counts[2 * k + 1];
      }
      java.util.Arrays.fill(counts, MAX_BUCKETS / 2, MAX_BUCKETS, 0);
      widthNanos *= 2;
      used = (used + 1) / 2;
      i = Math.max(0, nanoTime - startNanos) / widthNanos;
    }
    counts[(int) i]++;
    used = Math.max(used, (int) i + 1);
  }

  /** (seconds into the run at the bucket's middle, images per second in it), oldest first. */
  public synchronized List<double[]> points() {
    List<double[]> out = new ArrayList<>(used);
    double width = widthNanos / 1e9;
    for (int i = 0; i < used; i++) {
      out.add(new double[] {(i + 0.5) * width, counts[i] / width});
    }
    return out;
  }
}
