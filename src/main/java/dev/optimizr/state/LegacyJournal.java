package dev.optimizr.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads the record of earlier releases into a new record database: the journal {@code OUT/.optimizr-state}
 * (one CRC-checked line per output: relative path, source size, source mtime, settings, output size), and
 * the failure list {@code failures.jsonl} so that {@code -retry-failed} works on the first run after an
 * upgrade. Streams line by line: memory does not depend on the journal's length. Stateless.
 */
final class LegacyJournal {
  /** The journal's name in the output root (with the shard suffix when sharded). */
  static final String FILE_NAME = ".optimizr-state";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LegacyJournal() {}

  /** What was imported. */
  record Imported(long entries, long failures) {}

  /**
   * Copies {@code journal} and {@code failures} (either may be missing) into {@code conn}'s tables, inside
   * the caller's transaction. Later journal lines replace earlier ones, as when the journal was read whole.
   */
  static Imported importInto(Connection conn, Path journal, Path failures) throws IOException, SQLException {
    long entries = 0;
    long failed = 0;
    Map<String, Long> settingsIds = new HashMap<>(); // a handful of distinct settings in any real journal
    try (RecordTables t = new RecordTables(conn)) {
      if (Files.isRegularFile(journal)) {
        try (BufferedReader r = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            String[] f = parse(line);
            if (f != null) {
              Long settings = settingsIds.get(f[3]);
              if (settings == null) {
                settings = RecordTables.settingsId(conn, f[3]);
                settingsIds.put(f[3], settings);
              }
              t.converted(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), settings, Long.parseLong(f[4]), 0);
              entries++;
            }
          }
        }
      }
      if (Files.isRegularFile(failures)) {
        try (BufferedReader r = Files.newBufferedReader(failures, StandardCharsets.UTF_8)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            JsonNode n = json(line);
            if (n != null && n.hasNonNull("path")) {
              // The old list kept no source size or time: -1 matches no file, so status counts it as pending.
              t.failed(n.get("path").asText(), -1, -1, n.path("error_type").asText("UNKNOWN"),
                  n.path("message").asText(""), 0);
              failed++;
            }
          }
        }
      }
    }
    return new Imported(entries, failed);
  }

  /** The five fields of a whole line, or null for a line torn by a crash or otherwise damaged. */
  static String[] parse(String line) {
    int last = line.lastIndexOf('\t');
    if (last < 0) {
      return null;
    }
    String body = line.substring(0, last);
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    if (!Long.toHexString(crc.getValue()).equals(line.substring(last + 1))) {
      return null;
    }
    String[] f = body.split("\t", -1);
    if (f.length != 5) {
      return null;
    }
    try {
      Long.parseLong(f[1]);
      Long.parseLong(f[2]);
      Long.parseLong(f[4]);
    } catch (NumberFormatException e) {
      return null;
    }
    return f;
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return null; // a damaged line: nothing to retry from it
    }
  }
}
