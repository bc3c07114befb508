package dev.optimizr.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements that write entries, shared by the batch writer and the import of an old journal. Not
 * thread-safe: used under the record's connection lock, inside a transaction the caller commits.
 */
final class RecordTables implements AutoCloseable {
  private static final int DIR_CACHE = 4096;

  private final PreparedStatement insertDir;
  private final PreparedStatement selectDir;
  private final PreparedStatement putFile;
  private final PreparedStatement putFailure;
  private final PreparedStatement deleteFailure;
  /** Directory path → id for the directories written lately (bounded: memory must not grow with the tree). */
  private final Map<String, Long> dirIds = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> e) {
      return size() > DIR_CACHE;
    }
  };

  RecordTables(Connection conn) throws SQLException {
    insertDir = conn.prepareStatement("INSERT OR IGNORE INTO dirs(path) VALUES (?)");
    selectDir = conn.prepareStatement("SELECT id FROM dirs WHERE path = ?");
    putFile = conn.prepareStatement("INSERT OR REPLACE INTO files(dir, name, source_size, source_mtime, settings,"
        + " output_size, run) VALUES (?, ?, ?, ?, ?, ?, ?)");
    putFailure = conn.prepareStatement("INSERT OR REPLACE INTO failures(dir, name, source_size, source_mtime,"
        + " error_type, message, run) VALUES (?, ?, ?, ?, ?, ?, ?)");
    deleteFailure = conn.prepareStatement("DELETE FROM failures WHERE dir = ? AND name = ?");
  }

  /** The id of {@code key} in the settings table, added if new. */
  static long settingsId(Connection conn, String key) throws SQLException {
    try (PreparedStatement ins = conn.prepareStatement("INSERT OR IGNORE INTO settings(key) VALUES (?)")) {
      ins.setString(1, key);
      ins.executeUpdate();
    }
    try (PreparedStatement sel = conn.prepareStatement("SELECT id FROM settings WHERE key = ?")) {
      sel.setString(1, key);
      try (ResultSet rs = sel.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** An output converted from {@code relative} (input-relative, '/'-separated); clears its failure. */
  void converted(String relative, long size, long mtime, long settings, long outputSize, long run)
      throws SQLException {
    long dir = dirId(Paths.dir(relative));
    String name = Paths.name(relative);
    putFile.setLong(1, dir);
    putFile.setString(2, name);
    putFile.setLong(3, size);
    putFile.setLong(4, mtime);
    putFile.setLong(5, settings);
    putFile.setLong(6, outputSize);
    putFile.setLong(7, run);
    putFile.executeUpdate();
    deleteFailure.setLong(1, dir);
    deleteFailure.setString(2, name);
    deleteFailure.executeUpdate();
  }

  /** A failure of {@code relative}, replacing an earlier one. */
  void failed(String relative, long size, long mtime, String type, String message, long run) throws SQLException {
    putFailure.setLong(1, dirId(Paths.dir(relative)));
    putFailure.setString(2, Paths.name(relative));
    putFailure.setLong(3, size);
    putFailure.setLong(4, mtime);
    putFailure.setString(5, type);
    putFailure.setString(6, message);
    putFailure.setLong(7, run);
    putFailure.executeUpdate();
  }

  private long dirId(String path) throws SQLException {
    Long id = dirIds.get(path);
    if (id != null) {
      return id;
    }
    insertDir.setString(1, path);
    insertDir.executeUpdate();
    selectDir.setString(1, path);
    try (ResultSet rs = selectDir.executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    dirIds.put(path, id);
    return id;
  }

  /** Forgets cached directory ids: after a rollback they may name rows that no longer exist. */
  void forgetDirectories() {
    dirIds.clear();
  }

  @Override
  public void close() throws SQLException {
    insertDir.close();
    selectDir.close();
    putFile.close();
    putFailure.close();
    deleteFailure.close();
  }

  /** Splitting an input-relative path into the directory and name the tables key on. */
  static final class Paths {
    private Paths() {}

    static String dir(String relative) {
      int slash = relative.lastIndexOf('/');
      return slash < 0 ? "" : relative.substring(0, slash);
    }

    static String name(String relative) {
      return relative.substring(relative.lastIndexOf('/') + 1);
    }
  }
}
