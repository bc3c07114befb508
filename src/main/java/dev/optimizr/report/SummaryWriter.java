package dev.optimizr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.optimizr.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Writes summary.json atomically (temp file, fsync, rename). Stateless and thread-safe. */
public final class SummaryWriter {
  public static final String FILE_NAME = "summary.json";

  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryWriter() {}

  /** Writes {@code summary} as {@code target} (normally OUT/summary.json), replacing it atomically. */
  public static Path write(Path target, RunSummary summary) throws IOException {
    new AtomicFileWriter().write(target, JSON.writeValueAsBytes(summary));
    return target;
  }
}
