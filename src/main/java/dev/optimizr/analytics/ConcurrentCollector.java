package dev.optimizr.analytics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything a run counts per image. Safe for any number of writer threads, which never block (LongAdder,
 * LongAccumulator, HdrHistogram's wait-free {@link Recorder}); {@link #snapshot()} may be called from any
 * thread and returns an immutable copy.
 */
public final class ConcurrentCollector {
  /** Processing times are recorded in microseconds up to an hour, with 3 significant digits. */
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  private final List<String> stageNames;
  private final LongAdder found = new LongAdder();
  private final LongAdder converted = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder warned = new LongAdder();
  private final LongAdder inputBytes = new LongAdder();
  private final LongAdder outputBytes = new LongAdder();
  private final LongAdder inputPixels = new LongAdder();
  private final LongAdder largerOutputs = new LongAdder();
  private final LongAdder forcedGcRuns = new LongAdder();
  private final LongAdder backpressureEvents = new LongAdder();
  private final LongAdder workerIdleNanos = new LongAdder();
  private final LongAdder busyWorkers = new LongAdder();
  private final LongAdder processingNanos = new LongAdder();
  private final LongAccumulator minNanos = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final LongAdder[] stageNanos;
  private final LongAdder[] stageBytes;
  private final ConcurrentHashMap<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
  /** Images per quality chosen by {@code -target-ssim}, indexed by quality 0–100. */
  private final LongAdder[] chosenQualities = adders(101);

  /** Guarded by this; only readers touch it. */
  private final Histogram accumulated = new Histogram(MAX_MICROS, 3);

  /** @param stageNames the per-image stages, in the order {@link #stages} reports them */
  public ConcurrentCollector(List<String> stageNames) {
    this.stageNames = List.copyOf(stageNames);
    this.stageNanos = adders(stageNames.size());
    this.stageBytes = adders(stageNames.size());
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /** A candidate image was found by the walker. */
  public void found() {
    found.increment();
  }

  /** An image was converted in {@code nanos}; {@code warning} when it had tolerated damage. */
  public void converted(long inBytes, long outBytes, long pixels, long nanos, boolean warning) {
    converted(inBytes, outBytes, pixels, nanos, warning, outBytes > inBytes);
  }

  /**
   * As {@link #converted(long, long, long, long, boolean)}, saying explicitly whether the WebP was larger
   * than its source (under {@code -if-larger skip} such an image is counted with its source size as output).
   */
  public void converted(long inBytes, long outBytes, long pixels, long nanos, boolean warning, boolean larger) {
    converted.increment();
    inputBytes.add(inBytes);
    outputBytes.add(outBytes);
    inputPixels.add(pixels);
    if (larger) {
      largerOutputs.increment();
    }
    if (warning) {
      warned.increment();
    }
    processingNanos.add(nanos);
    minNanos.accumulate(nanos);
    maxNanos.accumulate(nanos);
    recorder.recordValue(Math.min(Math.max(nanos / 1000, 0), MAX_MICROS));
  }

  /** An image failed with the given error type name. */
  public void failed(String errorType) {
    failed.increment();
    errorsByType.computeIfAbsent(errorType, k -> new LongAdder()).increment();
  }

  /** An image was skipped (its output is up to date). */
  public void skipped() {
    skipped.increment();
  }

  /** Time and bytes allocated per stage for one image, indexed like the stage names. */
  public void stages(long[] nanos, long[] allocatedBytes) {
    for (int i = 0; i < stageNanos.length; i++) {
      stageNanos[i].add(nanos[i]);
      stageBytes[i].add(allocatedBytes[i]);
    }
  }

  /** {@code -target-ssim} chose {@code quality} (0–100) for an image. */
  public void chosenQuality(int quality) {
    chosenQualities[quality].increment();
  }

  /** Images per chosen quality, for the qualities chosen at least once, in quality order. Immutable. */
  public java.util.SortedMap<Integer, Long> chosenQualities() {
    TreeMap<Integer, Long> m = new TreeMap<>();
    for (int q = 0; q < chosenQualities.length; q++) {
      long n = chosenQualities[q].sum();
      if (n > 0) {
        m.put(q, n);
      }
    }
    return java.util.Collections.unmodifiableSortedMap(m);
  }

  /** A worker called {@code System.gc()} because the heap was above the threshold. */
  public void forcedGc() {
    forcedGcRuns.increment();
  }

  /** The walker found the queue full and had to wait. */
  public void backpressure() {
    backpressureEvents.increment();
  }

  /** A worker waited {@code nanos} for the queue to give it a job. */
  public void workerIdle(long nanos) {
    workerIdleNanos.add(nanos);
  }

  /** A worker started (+1) or finished (-1) an image. */
  public void busy(int delta) {
    busyWorkers.add(delta);
  }

  /** An immutable copy; counters may be mid-update relative to each other while workers run. */
  public synchronized CollectorSnapshot snapshot() {
    accumulated.add(recorder.getIntervalHistogram());
    Map<String, Long> errors = new TreeMap<>();
    errorsByType.forEach((k, v) -> errors.put(k, v.sum()));
    long n = converted.sum();
    double min = minNanos.get() / 1e6;
    double max = maxNanos.get() / 1e6;
    Percentiles times = n == 0 ? Percentiles.EMPTY : new Percentiles(min, p(50, min, max), p(95, min, max),
        p(99, min, max), max, processingNanos.sum() / 1e6 / n);
    long[] sn = new long[stageNanos.length];
    long[] sb = new long[stageBytes.length];
    for (int i = 0; i < sn.length; i++) {
      sn[i] = stageNanos[i].sum();
      sb[i] = stageBytes[i].sum();
    }
    return new CollectorSnapshot(found.sum(), n, failed.sum(), skipped.sum(), warned.sum(), inputBytes.sum(),
        outputBytes.sum(), inputPixels.sum(), largerOutputs.sum(), forcedGcRuns.sum(), backpressureEvents.sum(),
        workerIdleNanos.sum(), busyWorkers.sum(), times, StageTotals.of(stageNames, sn, sb), errors);
  }

  /**
   * A percentile in milliseconds from the accumulated histogram. HdrHistogram answers with the top of the
   * value's bucket (up to 0.1 % high at 3 significant digits), so clamp to the exact min and max.
   */
  private double p(double percentile, double min, double max) {
    return Math.max(min, Math.min(max, accumulated.getValueAtPercentile(percentile) / 1000.0));
  }
}
