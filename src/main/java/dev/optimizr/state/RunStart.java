package dev.optimizr.state;

import java.time.Instant;
import java.util.Map;

/**
 * A run as it starts, for the record's list of runs. Immutable.
 *
 * @param shard "I/N", or "all" when not sharded
 * @param settings the encoding settings as summary.json shows them (flag → value)
 * @param settingsKey the string that decides whether an output is up to date
 */
public record RunStart(Instant start, String shard, String version, String inputDir, Map<String, Object> settings,
    String settingsKey, boolean keepExtension) {
  public RunStart {
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }
}
