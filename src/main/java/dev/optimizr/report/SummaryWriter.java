package dev.optimizr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes summary.json atomically (temp file, fsync, rename). Stateless and thread-safe. */
public final class SummaryWriter {
  public static final String FILE_NAME = "summary.json";

  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryWriter() {}

  /** Writes {@code summary} as {@code target} (normally OUT/summary.json), replacing it atomically. */
  public static Path write(Path target, RunSummary summary) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".optimizr-tmp-" + ProcessHandle.current().pid());
    try {
      Files.write(temp, JSON.writeValueAsBytes(summary));
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(false);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }
}
