package dev.optimizr.analytics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collector's counters at one moment. Immutable.
 *
 * @param found candidate images the walker reported
 * @param converted images written as WebP
 * @param failed images that failed (see errorsByType)
 * @param skipped images skipped as up to date
 * @param warned converted images that had tolerated damage ({@code -lenient})
 * @param inputBytes source bytes of the converted images
 * @param outputBytes WebP bytes written
 * @param inputPixels pixels of the converted images
 * @param largerOutputs converted images whose WebP is larger than the source
 * @param forcedGcRuns explicit {@code System.gc()} calls by the heap guard
 * @param backpressureEvents times the walker found the queue full
 * @param workerIdleNanos time workers spent waiting for the queue, summed over workers
 * @param busyWorkers workers converting an image right now
 * @param times per-image processing time of converted images
 * @param stageTotals time and allocation per stage
 * @param errorsByType error type name → count, sorted by name
 */
public record CollectorSnapshot(long found, long converted, long failed, long skipped, long warned,
    long inputBytes, long outputBytes, long inputPixels, long largerOutputs, long forcedGcRuns,
    long backpressureEvents, long workerIdleNanos, long busyWorkers, Percentiles times, StageTotals stageTotals,
    Map<String, Long> errorsByType) {

  public CollectorSnapshot {
    errorsByType = Collections.unmodifiableMap(new TreeMap<>(errorsByType));
  }

  /** Images finished one way or another. */
  public long done() {
    return converted + failed + skipped;
  }
}
