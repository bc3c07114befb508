package dev.optimizr.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;

/**
 * One record database file: opening it with the settings that suit a network file system, recognising a
 * damaged one before it is trusted, moving a damaged one aside, and creating the schema. Stateless.
 *
 * <p>Journal mode: a rollback journal ({@code DELETE}, SQLite's default), not WAL. WAL keeps its index in a
 * shared-memory file ({@code -shm}) mapped by every process, which NFS and EFS cannot share between clients
 * (https://sqlite.org/wal.html: "WAL does not work over a network filesystem"); the rollback journal needs only
 * the POSIX byte-range locks those file systems do support. Each process writes only its own file (one per
 * shard), so the locks are only ever contended by a concurrent {@code optimizr status}. Commits are batched, so
 * the journal's create, fsync and delete per commit cost nothing measurable.
 */
final class RecordFile {
  /** The schema this release writes and reads ({@code PRAGMA user_version}). */
  static final int SCHEMA_VERSION = 1;
  /** {@code PRAGMA application_id}: "optz", so that another SQLite file is not taken for a record. */
  static final int APPLICATION_ID = 0x6f70747a;

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private RecordFile() {}

  /**
   * A connection with a bounded page cache (4 MB, whatever the record's size), full fsync at each commit
   * (a power cut cannot corrupt the file) and a rollback journal.
   */
  static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig c = new SQLiteConfig();
    c.setCacheSize(-4096); // KiB
    c.setBusyTimeout(30_000); // a status reader and a committing run wait for each other, briefly
    if (readOnly) {
      c.setReadOnly(true);
    } else {
      c.setJournalMode(SQLiteConfig.JournalMode.DELETE);
      c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    }
    return c.createConnection("jdbc:sqlite:" + file);
  }

  /**
   * Why {@code file} cannot be a record, or null when it looks whole: checked from the header alone (magic,
   * page size, and the page count against the file's length, which catches a truncated copy), so the check
   * costs the same for ten entries or ten million.
   */
  static String damage(Path file) throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      return "the file is empty";
    }
    byte[] h = new byte[100];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(h, 0, h.length);
    }
    if (n < MAGIC.length || !Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return "not an SQLite database";
    }
    if (n < h.length) {
      return "truncated to " + size + " bytes";
    }
    int pageSize = ((h[16] & 0xff) << 8) | (h[17] & 0xff);
    pageSize = pageSize == 1 ? 65536 : pageSize;
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
      return "damaged header (page size " + pageSize + ")";
    }
    long pages = Integer.toUnsignedLong(readInt(h, 28));
    // The in-header page count is valid only when "version-valid-for" equals the change counter.
    boolean countValid = readInt(h, 24) == readInt(h, 92);
    if (countValid && size < pages * pageSize) {
      return "truncated: " + size + " of " + pages * pageSize + " bytes";
    }
    return null;
  }

  /**
   * Reads the schema version after SQLite has opened {@code conn} (rolling back a hot journal if a run was
   * killed mid-commit); throws SQLException when the content is damaged, returns -1 when the database is
   * not an optimizr record.
   */
  static int schemaVersion(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      int app = intPragma(st, "application_id");
      int version = intPragma(st, "user_version");
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
      }
      return app == APPLICATION_ID ? version : -1;
    }
  }

  private static int intPragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Creates the tables of {@link #SCHEMA_VERSION} in an empty database. */
  static void createSchema(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      // Directories and settings are stored once and referred to by number: with ten million files the
      // repeated strings would otherwise be most of the file.
      st.execute("CREATE TABLE dirs(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE)");
      st.execute("CREATE TABLE settings(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)");
      // Clustered by (dir, name): one directory's entries are neighbours, read with one range scan.
      st.execute("CREATE TABLE files(dir INTEGER NOT NULL, name TEXT NOT NULL, source_size INTEGER NOT NULL,"
          + " source_mtime INTEGER NOT NULL, settings INTEGER NOT NULL, output_size INTEGER NOT NULL,"
          + " run INTEGER, PRIMARY KEY(dir, name)) WITHOUT ROWID");
      st.execute("CREATE TABLE failures(dir INTEGER NOT NULL, name TEXT NOT NULL, source_size INTEGER NOT NULL,"
          + " source_mtime INTEGER NOT NULL, error_type TEXT NOT NULL, message TEXT, run INTEGER,"
          + " PRIMARY KEY(dir, name)) WITHOUT ROWID");
      st.execute("CREATE TABLE runs(id INTEGER PRIMARY KEY, start_time TEXT NOT NULL, end_time TEXT,"
          + " duration_seconds REAL, shard TEXT NOT NULL, version TEXT, input_dir TEXT, settings TEXT,"
          + " settings_key TEXT, keep_extension INTEGER, found INTEGER, processed INTEGER, failed INTEGER,"
          + " skipped INTEGER, input_bytes INTEGER, output_bytes INTEGER, interrupted INTEGER, exit_code INTEGER)");
      st.execute("PRAGMA application_id = " + APPLICATION_ID);
      st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
    }
  }

  /**
   * Moves a damaged {@code file} (and its journal, which must never be applied to a new file of that name)
   * to {@code NAME.damaged-YYYYMMDD-HHMMSS}; returns where it went.
   */
  static Path moveAside(Path file, Instant now) throws IOException {
    String suffix = ".damaged-" + STAMP.format(now);
    Path aside = file.resolveSibling(file.getFileName() + suffix);
    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    Path journal = journal(file);
    try {
      Files.move(journal, journal.resolveSibling(journal.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      // no journal: the usual case
    }
    return aside;
  }

  /** SQLite's rollback journal of {@code file}. */
  static Path journal(Path file) {
    return file.resolveSibling(file.getFileName() + "-journal");
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }
}
