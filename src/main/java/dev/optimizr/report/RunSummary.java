package dev.optimizr.report;

import java.util.List;
import java.util.Map;

/**
 * summary.json, one component per field, in file order; Jackson writes the names in snake_case
 * ({@code p50ProcessingTimeMs} → {@code p50_processing_time_ms}). Units are in the names; OBSERVABILITY.md
 * explains each field. Immutable.
 */
public record RunSummary(
    String version, String inputDir, String outputDir, int workers, int quality, Map<String, Object> settings,
    String startTime, String endTime, String duration, double durationSeconds, boolean interrupted,
    long totalFiles, long processedFiles, long failedFiles, long skippedFiles, long warningFiles,
    double errorRatePercent, Map<String, Long> errorsByType,
    long totalInputBytes, long totalOutputBytes, double totalInputGb, double totalOutputGb, long bytesSaved,
    double spaceSavingPercent, double compressionRatio, long outputLargerThanInputFiles,
    double avgProcessingTimeMs, double minProcessingTimeMs, double maxProcessingTimeMs,
    double p50ProcessingTimeMs, double p95ProcessingTimeMs, double p99ProcessingTimeMs,
    double throughputMbPerSec, double imagesPerSecond, double totalInputMegapixels, double megapixelsPerSecond,
    double peakMemoryAllocMb, double peakMemorySysMb, boolean memoryStable, double memoryMinMb,
    double memoryMaxMb, double memoryRangeMb, double heapFloorTrendMbPerHour, double heapMaxMb,
    long totalGcRuns, double avgGcPauseMs, double maxGcPauseMs, double gcPauseTotalMs, long forcedGcRuns,
    long heapDumpsCaptured,
    int availableProcessors, double processCpuSeconds, double cpuUtilizationPercent, String cpuBoundAnalysis,
    long backpressureEvents, List<StageSummary> stages, Map<Integer, Long> targetSsimQualityHistogram,
    List<String> recommendations,
    List<Snapshot> memorySnapshots) {

  public RunSummary {
    errorsByType = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorsByType));
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    targetSsimQualityHistogram = java.util.Collections.unmodifiableMap(
        new java.util.TreeMap<>(targetSsimQualityHistogram));
    stages = List.copyOf(stages);
    recommendations = List.copyOf(recommendations);
    memorySnapshots = List.copyOf(memorySnapshots);
  }

  /** One stage of the per-image pipeline: total time and bytes allocated, and its share of the time. */
  public record StageSummary(String stage, double totalMs, double avgMs, double sharePercent,
      double allocatedMb) {}

  /** One memory sample, with the original's field names and the JVM meanings in OBSERVABILITY.md. */
  public record Snapshot(String timestamp, double allocMb, double totalAllocMb, double sysMb, double heapInuseMb,
      long numGc, double gcPauseMs, double heapFloorMb) {}
}
