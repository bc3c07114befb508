package dev.optimizr.state;

import dev.optimizr.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Finds a usable record database for a run: opens a whole one, moves a damaged one aside, refuses one from a
 * newer release, and creates a missing one (importing the earlier releases' journal) under a temp name that
 * is renamed into place only once complete, so a run killed during the import leaves no half-made record.
 * Stateless.
 */
final class RecordOpener {
  private RecordOpener() {}

  /** What inspecting an existing file found: a connection to it, or why it cannot be used. */
  private record Inspection(Connection conn, String damage) {}

  /** Opens {@code paths.database()} for writing, creating it when missing; adds what the user should know. */
  static Connection openForRun(RecordPaths paths, List<String> notices) throws RecordException {
    Path db = paths.database();
    try {
      Files.createDirectories(paths.directory());
      deleteStaleTemps(db);
    } catch (IOException e) {
      throw new RecordException("cannot create the record directory " + paths.directory() + ": " + reason(e), e);
    }
    if (Files.exists(db)) {
      Inspection found = inspect(db, false);
      if (found.conn() != null) {
        return found.conn();
      }
      try {
        Path aside = RecordFile.moveAside(db, Instant.now());
        notices.add(db + ": the record is damaged (" + found.damage() + "); moved aside to " + aside.getFileName()
            + " and starting a new record: files converted before are converted once more");
      } catch (IOException e) {
        throw new RecordException(db + ": the record is damaged (" + found.damage() + ") and cannot be moved aside ("
            + reason(e) + "); move it away by hand and run again", e);
      }
    }
    create(paths, notices);
    try {
      return RecordFile.connect(db, false);
    } catch (SQLException e) {
      throw new RecordException("cannot open the record " + db + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens an existing record to read it, or returns null (after a notice) when it is damaged; never changes
   * a file.
   */
  static Connection openToRead(Path db, List<String> notices) throws RecordException {
    Inspection found = inspect(db, true);
    if (found.conn() == null) {
      notices.add(db + ": the record is damaged (" + found.damage() + "); a run would move it aside and start a new"
          + " one");
    }
    return found.conn();
  }

  /**
   * A connection to {@code db} when it is a whole record of a schema this release reads; the damage otherwise.
   * A record from a newer release is not damaged: it stays where it is and the run stops.
   */
  private static Inspection inspect(Path db, boolean readOnly) throws RecordException {
    Connection conn = null;
    try {
      if (!readOnly && Files.size(RecordFile.journal(db)) > 0) {
        // A hot journal: a run was killed mid-commit. SQLite rolls it back on the first read; only then does
        // the header describe the file again.
        try (Connection recover = RecordFile.connect(db, false)) {
          RecordFile.schemaVersion(recover);
        }
      }
    } catch (IOException | SQLException e) {
      // no journal, or a damaged file: the checks below say which
    }
    try {
      String damage = RecordFile.damage(db);
      if (damage != null) {
        return new Inspection(null, damage);
      }
      conn = RecordFile.connect(db, readOnly);
      int version = RecordFile.schemaVersion(conn);
      if (version < 0) {
        conn.close();
        return new Inspection(null, "an SQLite file, but not an optimizr record");
      }
      if (version > RecordFile.SCHEMA_VERSION) {
        conn.close();
        throw new RecordException(db + " was written by a newer optimizr (record version " + version
            + ", this release reads up to " + RecordFile.SCHEMA_VERSION + "): run that release or a newer one,"
            + " or move the file away to start a new record");
      }
      return new Inspection(conn, null);
    } catch (SQLException e) {
      closeQuietly(conn);
      return new Inspection(null, "SQLite cannot read it: " + e.getMessage());
    } catch (IOException e) {
      closeQuietly(conn);
      throw new RecordException("cannot read the record " + db + ": " + reason(e), e);
    }
  }

  /** Builds a new record at a temp name, importing the earlier releases' journal, and renames it into place. */
  private static void create(RecordPaths paths, List<String> notices) throws RecordException {
    Path db = paths.database();
    LegacyJournal.Imported imported;
    try (AtomicFileWriter.Pending pending = new AtomicFileWriter().open(db)) {
      imported = createAt(pending.path(), paths); // SQLite takes the empty temp file for a new database
      // A journal left without its database must never be applied to the new file of the same name.
      Files.deleteIfExists(RecordFile.journal(db));
      pending.commit();
    } catch (IOException | SQLException e) {
      throw new RecordException("cannot create the record " + db + ": " + reason(e), e);
    }
    if (Files.isRegularFile(paths.legacyJournal())) {
      Path kept = paths.directory().resolve(paths.legacyJournal().getFileName() + ".imported");
      try {
        Files.move(paths.legacyJournal(), kept, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        kept = paths.legacyJournal(); // harmless: it is only read when a record is created
      }
      notices.add(String.format(Locale.ROOT, "%s: imported %d entries and %d failures of the earlier record %s"
          + " (kept as %s)", db, imported.entries(), imported.failures(), paths.legacyJournal().getFileName(), kept));
    }
  }

  /** A new record in {@code file}, holding whatever the earlier releases' files say. */
  static LegacyJournal.Imported createAt(Path file, RecordPaths paths) throws IOException, SQLException {
    try (Connection c = RecordFile.connect(file, false)) {
      RecordFile.createSchema(c);
      c.setAutoCommit(false);
      LegacyJournal.Imported imported = Files.isRegularFile(paths.legacyJournal())
          ? LegacyJournal.importInto(c, paths.legacyJournal(), paths.legacyFailures())
          : new LegacyJournal.Imported(0, 0);
      c.commit();
      return imported;
    }
  }

  /** Temp files (and their journals) of an earlier, killed creation of this record; this process holds its lock. */
  private static void deleteStaleTemps(Path db) throws IOException {
    String name = db.getFileName().toString();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(db.getParent(), p -> {
      String n = p.getFileName().toString();
      return AtomicFileWriter.isTemp(n) && !AtomicFileWriter.isOwnTemp(n) && AtomicFileWriter.targetName(n).equals(name);
    })) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String reason(Exception e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
    }
  }
}
