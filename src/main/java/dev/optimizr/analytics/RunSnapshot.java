package dev.optimizr.analytics;

import java.util.Map;

/**
 * Counters of a run at one moment. Immutable.
 *
 * @param found candidate images the walker reported
 * @param converted images written as WebP
 * @param failed images that failed (see errorsByType)
 * @param warned converted images that had tolerated damage ({@code -lenient})
 * @param inputBytes source bytes of the converted images
 * @param outputBytes WebP bytes written
 * @param largerOutputs converted images whose WebP is larger than the source
 * @param forcedGcRuns explicit {@code System.gc()} calls by the heap guard
 * @param backpressureEvents times the walker found the queue full
 * @param errorsByType error type name → count, sorted by name
 */
public record RunSnapshot(long found, long converted, long failed, long warned, long inputBytes,
    long outputBytes, long largerOutputs, long forcedGcRuns, long backpressureEvents,
    Map<String, Long> errorsByType) {

  public RunSnapshot {
    errorsByType = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorsByType));
  }
}
