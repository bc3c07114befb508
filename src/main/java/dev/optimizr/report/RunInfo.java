package dev.optimizr.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What a summary says about the run besides its measurements. Immutable.
 *
 * @param settings the encoding settings, flag name (snake_case) → value, in display order
 */
public record RunInfo(String version, Path inputDir, Path outputDir, int workers, int quality, Instant start,
    Instant end, boolean interrupted, Map<String, Object> settings) {

  public RunInfo {
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }

  /** A run whose settings are not described (only quality). */
  public RunInfo(String version, Path inputDir, Path outputDir, int workers, int quality, Instant start,
      Instant end, boolean interrupted) {
    this(version, inputDir, outputDir, workers, quality, start, end, interrupted, Map.of("quality", quality));
  }
}
