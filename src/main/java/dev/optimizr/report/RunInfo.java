package dev.optimizr.report;

import java.time.Instant;
import java.util.Map;

/**
 * What a summary says about the run besides its measurements. Immutable.
 *
 * @param inputDir the input as an absolute path or s3:// URL
 * @param settings the encoding settings, flag name (snake_case) → value, in display order
 */
public record RunInfo(String version, String inputDir, String outputDir, int workers, int quality, Instant start,
    Instant end, boolean interrupted, Map<String, Object> settings) {

  public RunInfo {
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }

  /** A run whose settings are not described (only quality). */
  public RunInfo(String version, String inputDir, String outputDir, int workers, int quality, Instant start,
      Instant end, boolean interrupted) {
    this(version, inputDir, outputDir, workers, quality, start, end, interrupted, Map.of("quality", quality));
  }
}
