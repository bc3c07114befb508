package dev.optimizr.state;

import java.util.List;
import java.util.Map;

/**
 * The migration as a whole, over every record of an output. Immutable.
 *
 * @param convertedFiles outputs on record (including sources deliberately left without output)
 * @param inputBytes their sources' sizes
 * @param outputBytes their outputs' sizes (the source's for one left without output)
 * @param failuresByType outstanding failures (not converted since) per error type
 * @param runs every run, oldest first
 */
public record RecordTotals(long convertedFiles, long inputBytes, long outputBytes, Map<String, Long> failuresByType,
    List<Run> runs) {
  public RecordTotals {
    failuresByType = Map.copyOf(failuresByType);
    runs = List.copyOf(runs);
  }

  /** Outstanding failures of every type. */
  public long failedFiles() {
    return failuresByType.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * One run as recorded.
   *
   * @param endTime null when the run never finished (killed)
   * @param interrupted stopped by a signal or a full disk, or killed
   * @param finished false when the process died before completing its entry
   * @param exitCode -1 when the run never finished
   */
  public record Run(String startTime, String endTime, double durationSeconds, String shard, long foundFiles,
      long processedFiles, long failedFiles, long skippedFiles, long inputBytes, long outputBytes,
      boolean interrupted, boolean finished, int exitCode) {}
}
