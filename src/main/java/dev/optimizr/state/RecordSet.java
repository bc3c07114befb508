package dev.optimizr.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
import java.util.TreeMap;

/**
 * Every record of one output, read together for {@code optimizr status}: the unsharded {@code record.db} and
 * every shard's {@code record-I-of-N.db}. Reads only, under SQLite's shared lock, so it can run while the
 * shards convert. Not thread-safe.
 */
public final class RecordSet implements AutoCloseable {
  /** One record file, open, with the settings of its latest run (what "up to date" means for it). */
  private record Member(Path file, Connection conn, long latestSettings) {}

  private final List<Member> members;
  private final List<String> notices;

  private RecordSet(List<Member> members, List<String> notices) {
    this.members = members;
    this.notices = notices;
  }

  /** Opens every record in {@code OUT/.optimizr}; damaged ones are skipped with a notice. */
  public static RecordSet open(Path outputRoot) throws RecordException {
    List<Member> members = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    Path dir = outputRoot.resolve(RecordPaths.DIR);
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
          p -> RecordPaths.isRecordFile(p.getFileName().toString()))) {
        ds.forEach(files::add);
      } catch (IOException e) {
        throw new RecordException("cannot list " + dir + ": " + RecordOpener.reason(e), e);
      }
    }
    files.sort(null);
    try {
      for (Path f : files) {
        Connection c = RecordOpener.openToRead(f, notices);
        if (c != null) {
          members.add(new Member(f, c, latestSettings(c)));
        }
      }
    } catch (SQLException e) {
      new RecordSet(members, notices).close();
      throw new RecordException("cannot read the record in " + dir + ": " + e.getMessage(), e);
    }
    return new RecordSet(members, notices);
  }

  /** The record files read, in name order. */
  public List<Path> files() {
    return members.stream().map(Member::file).toList();
  }

  /** Damaged records that were skipped. */
  public List<String> notices() {
    return List.copyOf(notices);
  }

  /** Converted outputs, failures and runs, added up over every record. */
  public RecordTotals totals() throws RecordException {
    long files = 0;
    long in = 0;
    long out = 0;
    Map<String, Long> failures = new TreeMap<>();
    List<RecordTotals.Run> runs = new ArrayList<>();
    try {
      for (Member m : members) {
        try (Statement st = m.conn().createStatement()) {
          // An output withheld by -if-larger skip leaves the source as the smallest version (as summary.json).
          try (ResultSet rs = st.executeQuery("SELECT count(*), total(source_size), total(CASE WHEN output_size >= 0"
              + " THEN output_size ELSE source_size END) FROM files")) {
            rs.next();
            files += rs.getLong(1);
            in += rs.getLong(2);
            out += rs.getLong(3);
          }
          try (ResultSet rs = st.executeQuery("SELECT error_type, count(*) FROM failures GROUP BY error_type")) {
            while (rs.next()) {
              failures.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
          }
          try (ResultSet rs = st.executeQuery("SELECT start_time, end_time, duration_seconds, shard, found,"
              + " processed, failed, skipped, input_bytes, output_bytes, interrupted, exit_code FROM runs")) {
            while (rs.next()) {
              runs.add(new RecordTotals.Run(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4),
                  rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                  rs.getInt(11) != 0 || rs.getString(2) == null, rs.getString(2) != null,
                  rs.getObject(12) == null ? -1 : rs.getInt(12)));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new RecordException("cannot read the record: " + e.getMessage(), e);
    }
    runs.sort((a, b) -> a.startTime().compareTo(b.startTime()));
    return new RecordTotals(files, in, out, failures, runs);
  }

  /** True when the latest run of any record used {@code -keep-extension} (outputs named c.jpg.webp). */
  public boolean keepExtension() throws RecordException {
    boolean keep = false;
    for (Member m : members) {
      try (Statement st = m.conn().createStatement(); ResultSet rs = st.executeQuery(
          "SELECT keep_extension FROM runs ORDER BY id DESC LIMIT 1")) {
        keep |= rs.next() && rs.getInt(1) != 0;
      } catch (SQLException e) {
        throw new RecordException("cannot read the record " + m.file() + ": " + e.getMessage(), e);
      }
    }
    return keep;
  }

  /**
   * The entries of input directory {@code relativeDir} in every record, each under the settings of that
   * record's latest run, with the outstanding failures: one query per record.
   */
  public List<DirectoryView> directory(String relativeDir) throws RecordException {
    List<DirectoryView> views = new ArrayList<>(members.size());
    for (Member m : members) {
      Map<String, DirectoryView.Entry> entries = new HashMap<>();
      Set<String> failed = new HashSet<>();
      try (PreparedStatement files = m.conn().prepareStatement("SELECT name, source_size, source_mtime, output_size"
          + " FROM files WHERE dir = (SELECT id FROM dirs WHERE path = ?) AND settings = ?");
          PreparedStatement failures = m.conn().prepareStatement(
              "SELECT name FROM failures WHERE dir = (SELECT id FROM dirs WHERE path = ?)")) {
        files.setString(1, relativeDir);
        files.setLong(2, m.latestSettings());
        try (ResultSet rs = files.executeQuery()) {
          while (rs.next()) {
            entries.put(rs.getString(1), new DirectoryView.Entry(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
          }
        }
        failures.setString(1, relativeDir);
        try (ResultSet rs = failures.executeQuery()) {
          while (rs.next()) {
            failed.add(rs.getString(1));
          }
        }
      } catch (SQLException e) {
        throw new RecordException("cannot read the record " + m.file() + ": " + e.getMessage(), e);
      }
      views.add(new DirectoryView(entries, failed));
    }
    return views;
  }

  /** Receives the record's entries one at a time, so that a reader never holds them all. */
  public interface EntryVisitor {
    /**
     * A converted file; {@code outputSize} is {@link MigrationRecord#NO_OUTPUT} when {@code -if-larger skip} kept
     * the source.
     */
    void converted(String relative, long sourceSize, long outputSize);

    /** An outstanding failure. */
    void failed(String relative, String errorType, String message);
  }

  /** Streams every converted file and outstanding failure of every record to {@code visitor}. */
  public void forEachEntry(EntryVisitor visitor) throws RecordException {
    for (Member m : members) {
      try (Statement st = m.conn().createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT d.path, f.name, f.source_size, f.output_size FROM files f"
            + " JOIN dirs d ON d.id = f.dir")) {
          while (rs.next()) {
            visitor.converted(join(rs.getString(1), rs.getString(2)), rs.getLong(3), rs.getLong(4));
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT d.path, f.name, f.error_type, f.message FROM failures f"
            + " JOIN dirs d ON d.id = f.dir")) {
          while (rs.next()) {
            visitor.failed(join(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4));
          }
        }
      } catch (SQLException e) {
        throw new RecordException("cannot read the record " + m.file() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The latest run's input directory and settings (as summary.json shows them), over every record. */
  public Latest latest() throws RecordException {
    Latest latest = null;
    for (Member m : members) {
      try (Statement st = m.conn().createStatement(); ResultSet rs = st.executeQuery(
          "SELECT start_time, input_dir, settings FROM runs ORDER BY id DESC LIMIT 1")) {
        if (rs.next() && (latest == null || rs.getString(1).compareTo(latest.startTime()) > 0)) {
          latest = new Latest(rs.getString(1), rs.getString(2), rs.getString(3));
        }
      } catch (SQLException e) {
        throw new RecordException("cannot read the record " + m.file() + ": " + e.getMessage(), e);
      }
    }
    return latest;
  }

  /**
   * The most recent run on record.
   *
   * @param settingsJson its settings as a JSON object (flag → value), or null
   */
  public record Latest(String startTime, String inputDir, String settingsJson) {}

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static long latestSettings(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id FROM runs r JOIN settings s"
        + " ON s.key = r.settings_key ORDER BY r.id DESC LIMIT 1")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  @Override
  public void close() {
    for (Member m : members) {
      try {
        m.conn().close();
      } catch (SQLException ignored) {
        // read-only: nothing to lose
      }
    }
  }
}
