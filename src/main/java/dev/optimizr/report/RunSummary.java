package dev.optimizr.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * summary.json, built by sections that Jackson writes flat, in file order and in snake_case
 * ({@code p50ProcessingTimeMs} → {@code p50_processing_time_ms}). Units are in the names; OBSERVABILITY.md
 * explains each field. Immutable.
 */
public record RunSummary(
    @JsonUnwrapped Run run,
    @JsonUnwrapped Files files,
    @JsonUnwrapped Sizes sizes,
    @JsonUnwrapped Timing timing,
    @JsonUnwrapped Memory memory,
    @JsonUnwrapped Gc gc,
    @JsonUnwrapped Cpu cpu,
    List<StageSummary> stages, Map<Integer, Long> targetSsimQualityHistogram, List<String> recommendations,
    List<Snapshot> memorySnapshots, @JsonUnwrapped Audit audit) {

  public RunSummary {
    targetSsimQualityHistogram = Collections.unmodifiableMap(new TreeMap<>(targetSsimQualityHistogram));
    stages = List.copyOf(stages);
    recommendations = List.copyOf(recommendations);
    memorySnapshots = List.copyOf(memorySnapshots);
  }

  /** Which run this was: version, directories, settings, when, and whether it was interrupted. */
  public record Run(String version, String inputDir, String outputDir, int workers, int quality,
      Map<String, Object> settings, String startTime, String endTime, String duration, double durationSeconds,
      boolean interrupted) {
    public Run {
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
  }

  /** How many files were found, converted, failed, skipped as up to date, and converted with a warning. */
  public record Files(long totalFiles, long processedFiles, long failedFiles, long skippedFiles, long warningFiles,
      double errorRatePercent, Map<String, Long> errorsByType) {
    public Files {
      errorsByType = Collections.unmodifiableMap(new TreeMap<>(errorsByType));
    }
  }

  /** Bytes in and out of the converted files. */
  public record Sizes(long totalInputBytes, long totalOutputBytes, double totalInputGb, double totalOutputGb,
      long bytesSaved, double spaceSavingPercent, double compressionRatio, long outputLargerThanInputFiles) {}

  /** Per-image processing time and the run's throughput. */
  public record Timing(double avgProcessingTimeMs, double minProcessingTimeMs, double maxProcessingTimeMs,
      double p50ProcessingTimeMs, double p95ProcessingTimeMs, double p99ProcessingTimeMs, double throughputMbPerSec,
      double imagesPerSecond, double totalInputMegapixels, double megapixelsPerSecond) {}

  /** Heap (from the samples) and resident memory. */
  public record Memory(double peakMemoryAllocMb, double peakMemorySysMb, boolean memoryStable, double memoryMinMb,
      double memoryMaxMb, double memoryRangeMb, double heapFloorTrendMbPerHour, double heapMaxMb) {}

  /** Garbage collection over the run, and heap dumps taken. */
  public record Gc(long totalGcRuns, double avgGcPauseMs, double maxGcPauseMs, double gcPauseTotalMs,
      long forcedGcRuns, long heapDumpsCaptured) {}

  /** CPU use and the verdict on what bounded the run. */
  public record Cpu(int availableProcessors, double processCpuSeconds, double cpuUtilizationPercent,
      String cpuBoundAnalysis, long backpressureEvents) {}

  /** One stage of the per-image pipeline: total time and bytes allocated, and its share of the time. */
  public record StageSummary(String stage, double totalMs, double avgMs, double sharePercent,
      double allocatedMb) {}

  /**
   * The quality audit: images scored, and their SSIM (null when none was scored).
   *
   * @param auditSeconds time spent auditing, summed over the workers
   */
  public record Audit(long auditCount, Double auditSsimP5, Double auditSsimMedian, Double auditSsimMin,
      double auditSeconds) {}

  /** One memory sample, with the original's field names and the JVM meanings in OBSERVABILITY.md. */
  public record Snapshot(String timestamp, double allocMb, double totalAllocMb, double sysMb, double heapInuseMb,
      long numGc, double gcPauseMs, double heapFloorMb) {}
}
