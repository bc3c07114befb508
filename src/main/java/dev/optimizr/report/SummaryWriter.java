package dev.optimizr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.optimizr.analytics.RunSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes summary.json atomically (temp file, fsync, rename). Stateless and thread-safe.
 *
 * <p>This is the core converter's subset of the SPEC's fields: counts, bytes, timing and settings. The
 * analytics issue adds the memory, GC, percentile and analysis fields.
 */
public final class SummaryWriter {
  public static final String FILE_NAME = "summary.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryWriter() {}

  /** What the summary says about the run besides its counters. */
  public record RunInfo(String version, Path inputDir, Path outputDir, int workers, int quality,
      Instant start, Instant end, boolean interrupted) {}

  /** Builds the summary object, fields in a stable order. */
  public static Map<String, Object> fields(RunInfo info, RunSnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    double seconds = Duration.between(info.start(), info.end()).toNanos() / 1e9;
    m.put("version", info.version());
    m.put("start_time", info.start().truncatedTo(ChronoUnit.MILLIS).toString());
    m.put("end_time", info.end().truncatedTo(ChronoUnit.MILLIS).toString());
    m.put("duration", GoDuration.format(Duration.between(info.start(), info.end())));
    m.put("duration_seconds", round(seconds, 3));
    m.put("input_dir", info.inputDir().toString());
    m.put("output_dir", info.outputDir().toString());
    m.put("workers", info.workers());
    m.put("quality", info.quality());
    m.put("total_files", s.found());
    m.put("processed_files", s.converted());
    m.put("failed_files", s.failed());
    m.put("skipped_files", 0L);
    m.put("warning_files", s.warned());
    m.put("error_rate_percent", s.found() == 0 ? 0.0 : round(100.0 * s.failed() / s.found(), 2));
    m.put("errors_by_type", s.errorsByType());
    m.put("total_input_bytes", s.inputBytes());
    m.put("total_output_bytes", s.outputBytes());
    m.put("bytes_saved", s.inputBytes() - s.outputBytes());
    m.put("space_saving_percent",
        s.inputBytes() == 0 ? 0.0 : round(100.0 * (s.inputBytes() - s.outputBytes()) / s.inputBytes(), 2));
    m.put("compression_ratio", s.outputBytes() == 0 ? 0.0 : round((double) s.inputBytes() / s.outputBytes(), 3));
    m.put("output_larger_than_input_files", s.largerOutputs());
    m.put("images_per_second", seconds <= 0 ? 0.0 : round(s.converted() / seconds, 3));
    m.put("forced_gc_runs", s.forcedGcRuns());
    m.put("available_processors", Runtime.getRuntime().availableProcessors());
    m.put("heap_max_mb", round(Runtime.getRuntime().maxMemory() / 1048576.0, 1));
    m.put("interrupted", info.interrupted());
    return m;
  }

  /** Writes {@code fields} as {@code outputRoot/summary.json}, replacing any previous one atomically. */
  public static Path write(Path outputRoot, Map<String, Object> fields) throws IOException {
    Path target = outputRoot.resolve(FILE_NAME);
    Path temp = outputRoot.resolve("." + FILE_NAME + ".optimizr-tmp-" + ProcessHandle.current().pid());
    try {
      Files.write(temp, JSON.writeValueAsBytes(fields));
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(false);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
