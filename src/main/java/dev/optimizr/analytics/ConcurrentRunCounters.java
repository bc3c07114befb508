package dev.optimizr.analytics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a run found, converted and failed. Safe for any number of writer threads (LongAdder, no
 * locks on the per-image path); {@link #snapshot()} never blocks writers.
 */
public final class ConcurrentRunCounters {
  private final LongAdder found = new LongAdder();
  private final LongAdder converted = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder warned = new LongAdder();
  private final LongAdder inputBytes = new LongAdder();
  private final LongAdder outputBytes = new LongAdder();
  private final LongAdder largerOutputs = new LongAdder();
  private final LongAdder forcedGcRuns = new LongAdder();
  private final LongAdder backpressureEvents = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> errorsByType = new ConcurrentHashMap<>();

  /** A candidate image was found by the walker. */
  public void found() {
    found.increment();
  }

  /** An image was converted; {@code warning} when it was converted despite tolerated damage. */
  public void converted(long inBytes, long outBytes, boolean warning) {
    converted.increment();
    inputBytes.add(inBytes);
    outputBytes.add(outBytes);
    if (outBytes > inBytes) {
      largerOutputs.increment();
    }
    if (warning) {
      warned.increment();
    }
  }

  /** An image failed with the given error type name. */
  public void failed(String errorType) {
    failed.increment();
    errorsByType.computeIfAbsent(errorType, k -> new LongAdder()).increment();
  }

  /** A worker found the heap above the threshold and called {@code System.gc()}. */
  public void forcedGc() {
    forcedGcRuns.increment();
  }

  /** The walker found the queue full and had to wait. */
  public void backpressure() {
    backpressureEvents.increment();
  }

  /** An immutable copy of the counters; totals may be mid-update relative to each other while running. */
  public RunSnapshot snapshot() {
    Map<String, Long> errors = new TreeMap<>();
    errorsByType.forEach((k, v) -> errors.put(k, v.sum()));
    return new RunSnapshot(found.sum(), converted.sum(), failed.sum(), warned.sum(), inputBytes.sum(),
        outputBytes.sum(), largerOutputs.sum(), forcedGcRuns.sum(), backpressureEvents.sum(), errors);
  }
}
