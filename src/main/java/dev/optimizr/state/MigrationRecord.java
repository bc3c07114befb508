package dev.optimizr.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The record of a migration as one run sees it: which source (size, mtime, settings) made each output, the
 * failures outstanding, and every run, in {@code OUT/.optimizr/record.db} (one file per shard). Lookups go one
 * directory at a time; results are committed by a background thread in batches, so memory does not depend on
 * the number of files. Thread-safe: {@link #converted} and {@link #failed} from any number of workers,
 * {@link #directory} from the walker.
 */
public final class MigrationRecord implements AutoCloseable {
  /** Output size recorded when {@code -if-larger skip} deliberately wrote no output. */
  public static final long NO_OUTPUT = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Guarded by its own monitor: the walker's lookups, the writer's batches and the run rows take turns. */
  private final Connection conn;
  private final long settingsId;
  private final RecordWriter writer;
  private final List<String> notices;
  private final Path temporary;
  private final AtomicLong runId = new AtomicLong();
  private final AtomicReference<String> readProblem = new AtomicReference<>();

  private MigrationRecord(Connection conn, long settingsId, boolean writable, List<String> notices, Path temporary) {
    this.conn = conn;
    this.settingsId = settingsId;
    this.writer = writable ? new RecordWriter(conn, settingsId, runId) : null;
    this.notices = notices;
    this.temporary = temporary;
  }

  /**
   * Opens the record for a run under {@code settingsKey} (the string that changes whenever an output's bytes
   * would), creating it, importing an earlier release's journal, or moving a damaged one aside as needed
   * (see {@link #notices()}). The caller holds the output's run lock.
   */
  public static MigrationRecord open(RecordPaths paths, String settingsKey) throws RecordException {
    List<String> notices = new ArrayList<>();
    Connection conn = RecordOpener.openForRun(paths, notices);
    try {
      long settings;
      synchronized (conn) {
        settings = RecordTables.settingsId(conn, settingsKey);
      }
      return new MigrationRecord(conn, settings, true, notices, null);
    } catch (SQLException e) {
      close(conn);
      throw new RecordException("cannot write the record " + paths.database() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the record only to look up (for {@code -dry-run}): writes nothing in the output. An earlier release's
   * journal is imported into a temporary file that is deleted on close.
   */
  public static MigrationRecord openToRead(RecordPaths paths, String settingsKey) throws RecordException {
    List<String> notices = new ArrayList<>();
    Path temp = null;
    Connection conn;
    try {
      if (Files.exists(paths.database())) {
        conn = RecordOpener.openToRead(paths.database(), notices);
      } else if (Files.isRegularFile(paths.legacyJournal())) {
        temp = Files.createTempFile("optimizr-record-", ".db");
        Files.delete(temp);
        RecordOpener.createAt(temp, paths);
        conn = RecordFile.connect(temp, true);
      } else {
        conn = null;
      }
      long settings = conn == null ? -1 : existingSettingsId(conn, settingsKey);
      return new MigrationRecord(conn, settings, false, notices, temp);
    } catch (IOException | SQLException e) {
      throw new RecordException("cannot read the record " + paths.database() + ": " + RecordOpener.reason(e), e);
    }
  }

  /**
   * Copies the record's file to {@code target} as of the last committed batch, for an upload while the run goes
   * on: batches commit holding the connection's monitor, so the copy made holding it is never mid-transaction.
   */
  public void copyTo(Path target) throws IOException {
    synchronized (conn) {
      try {
        String url = conn.getMetaData().getURL(); // jdbc:sqlite:/path/to/record.db
        Files.copy(Path.of(url.substring(url.indexOf(':', "jdbc:".length()) + 1)), target,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (SQLException e) {
        throw new IOException("cannot find the record's file: " + e.getMessage(), e);
      }
    }
  }

  /** Lines the user should read once: an import done, a damaged record moved aside. */
  public List<String> notices() {
    return List.copyOf(notices);
  }

  /**
   * The entries of input directory {@code relativeDir} ('/'-separated, "" for the root) under this run's
   * settings, and with {@code withFailures} its outstanding failures: one query.
   */
  public DirectoryView directory(String relativeDir, boolean withFailures) {
    if (conn == null || (settingsId < 0 && !withFailures)) {
      return DirectoryView.EMPTY;
    }
    synchronized (conn) {
      try {
        Map<String, DirectoryView.Entry> entries = new HashMap<>();
        if (settingsId >= 0) {
          try (PreparedStatement st = conn.prepareStatement("SELECT name, source_size, source_mtime, output_size"
              + " FROM files WHERE dir = (SELECT id FROM dirs WHERE path = ?) AND settings = ?")) {
            st.setString(1, relativeDir);
            st.setLong(2, settingsId);
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                entries.put(rs.getString(1), new DirectoryView.Entry(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
              }
            }
          }
        }
        return new DirectoryView(entries, withFailures ? failures(relativeDir) : Set.of());
      } catch (SQLException e) {
        // The directory converts again rather than the run failing; said once at the end.
        readProblem.compareAndSet(null, relativeDir + ": " + e.getMessage());
        return DirectoryView.EMPTY;
      }
    }
  }

  private Set<String> failures(String relativeDir) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement st = conn.prepareStatement(
        "SELECT name FROM failures WHERE dir = (SELECT id FROM dirs WHERE path = ?)")) {
      st.setString(1, relativeDir);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** True when failures are on record (what {@code -retry-failed} retries). */
  public boolean hasFailures() throws RecordException {
    if (conn == null) {
      return false;
    }
    synchronized (conn) {
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT EXISTS (SELECT 1 FROM failures)")) {
        return rs.next() && rs.getInt(1) == 1;
      } catch (SQLException e) {
        throw new RecordException("cannot read the record: " + e.getMessage(), e);
      }
    }
  }

  /** Records a finished conversion, after its output is in place ({@link #NO_OUTPUT} when none was written). */
  public void converted(String relative, long sourceSize, long sourceMtimeMillis, long outputSize) {
    if (writer != null) {
      writer.add(new RecordWriter.Converted(relative, sourceSize, sourceMtimeMillis, outputSize));
    }
  }

  /** Records a failure of {@code relative}: it stays outstanding until the file converts. */
  public void failed(String relative, long sourceSize, long sourceMtimeMillis, String errorType, String message) {
    if (writer != null) {
      writer.add(new RecordWriter.Failed(relative, sourceSize, sourceMtimeMillis, errorType, message));
    }
  }

  /** Adds the run to the record's list of runs, committed at once (a killed run shows as never finished). */
  public void startRun(RunStart run) throws RecordException {
    synchronized (conn) {
      try (PreparedStatement st = conn.prepareStatement("INSERT INTO runs(start_time, shard, version, input_dir,"
          + " settings, settings_key, keep_extension) VALUES (?, ?, ?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        st.setString(1, run.start().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        st.setString(2, run.shard());
        st.setString(3, run.version());
        st.setString(4, run.inputDir());
        st.setString(5, JSON.writeValueAsString(run.settings()));
        st.setString(6, run.settingsKey());
        st.setInt(7, run.keepExtension() ? 1 : 0);
        st.executeUpdate();
        try (ResultSet keys = st.getGeneratedKeys()) {
          keys.next();
          runId.set(keys.getLong(1));
        }
      } catch (SQLException | JsonProcessingException e) {
        throw new RecordException("cannot write the record: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Commits every result still queued, then completes this run's row; returns a problem to report (results
   * that could not be written, lookups that failed), or null.
   */
  public String finishRun(RunEnd end) throws InterruptedException {
    if (writer != null) {
      writer.close();
    }
    synchronized (conn) {
      try (PreparedStatement st = conn.prepareStatement("UPDATE runs SET end_time = ?, duration_seconds = ?,"
          + " found = ?, processed = ?, failed = ?, skipped = ?, input_bytes = ?, output_bytes = ?, interrupted = ?,"
          + " exit_code = ? WHERE id = ?")) {
        st.setString(1, end.end().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        st.setDouble(2, end.durationSeconds());
        st.setLong(3, end.found());
        st.setLong(4, end.processed());
        st.setLong(5, end.failed());
        st.setLong(6, end.skipped());
        st.setLong(7, end.inputBytes());
        st.setLong(8, end.outputBytes());
        st.setInt(9, end.interrupted() ? 1 : 0);
        st.setInt(10, end.exitCode());
        st.setLong(11, runId.get());
        st.executeUpdate();
      } catch (SQLException e) {
        return "could not complete this run's entry: " + e.getMessage();
      }
    }
    return problem();
  }

  /** What went wrong with the record during the run (null when nothing did). */
  public String problem() {
    String write = writer == null ? null : writer.problem();
    String read = readProblem.get();
    if (write == null && read == null) {
      return null;
    }
    return write != null ? "results not recorded: " + write : "lookup failed in " + read;
  }

  @Override
  public void close() throws InterruptedException {
    if (writer != null) {
      writer.close();
    }
    close(conn);
    if (temporary != null) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // a temp file in the temp directory
      }
    }
  }

  private static long existingSettingsId(Connection conn, String key) throws SQLException {
    try (PreparedStatement st = conn.prepareStatement("SELECT id FROM settings WHERE key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to save
      }
    }
  }
}
