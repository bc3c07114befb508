package dev.optimizr.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.io.AtomicFileWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * failures.jsonl: one JSON object per failed file, {@code {"path","error_type","message"}}. Lines stream to
 * a hidden temp file and replace the previous run's list only on {@link #commit()}, so a killed run never
 * leaves a half-written list behind. Thread-safe: {@link #append} is synchronised (failures are rare).
 */
public final class FailureLog implements AutoCloseable {
  public static final String FILE_NAME = "failures.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private final AtomicFileWriter.Pending file;
  private final Writer out;

  /**
   * Starts a new list that will replace {@code target} (normally {@code OUT/failures.jsonl}) through
   * {@code writer}, whose hard-stop sweep also removes this list's temp file.
   */
  public FailureLog(AtomicFileWriter writer, Path target) throws IOException {
    this.file = writer.open(target);
    this.out = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
  }

  /** Appends one failure; {@code path} is relative to the input root. */
  public synchronized void append(String path, String errorType, String message) {
    Map<String, String> line = new LinkedHashMap<>();
    line.put("path", path);
    line.put("error_type", errorType);
    line.put("message", message);
    try {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code path} of every line of a failures.jsonl; lines that are not JSON objects are skipped. */
  public static java.util.Set<String> readPaths(Path file) throws IOException {
    java.util.Set<String> paths = new java.util.LinkedHashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      try {
        com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
        if (n != null && n.hasNonNull("path")) {
          paths.add(n.get("path").asText());
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // a damaged line: nothing to retry from it
      }
    }
    return paths;
  }

  /** Flushes, forces to disk and renames the list into place. */
  public synchronized void commit() throws IOException {
    out.flush();
    file.commit();
  }

  /** Removes the temp file if the list was never committed. */
  @Override
  public synchronized void close() throws IOException {
    file.close();
  }
}
