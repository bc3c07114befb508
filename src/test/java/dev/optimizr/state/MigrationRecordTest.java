package dev.optimizr.state;

import dev.optimizr.io.LocalSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record on a real SQLite file: round trip, import of the old journal, and every kind of damage. */
class MigrationRecordTest {
  private static final String KEY = "q80 m4 png-auto";

  @TempDir Path out;
  private RecordPaths paths;

  @BeforeEach
  void paths() {
    paths = RecordPaths.of(out, n -> n, "failures.jsonl");
  }

  private static RunStart start() {
    return new RunStart(Instant.parse("2024-05-01T02:00:00Z"), "all", "test", "/in", Map.of("quality", 80), KEY,
        false);
  }

  private static RunEnd end(long processed) {
    return new RunEnd(Instant.parse("2024-05-01T02:01:00Z"), 60, processed, processed, 0, 0, 10, 5, false, 0);
  }

  /** A record with {@code n} converted files in dir "a" (outputs a/f{i}.webp of i+1 bytes, sources of 1000+i). */
  private void fill(int n) throws Exception {
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      r.startRun(start());
      for (int i = 0; i < n; i++) {
        Path target = Files.createDirectories(out.resolve("a")).resolve("f" + i + ".webp");
        Files.write(target, new byte[i + 1]);
        r.converted("a/f" + i + ".jpg", 1000 + i, 77, i + 1);
      }
      assertThat(r.finishRun(end(n))).isNull();
    }
  }

  @Test
  void results_areReadBackPerDirectory_underTheSameSettingsOnly() throws Exception {
    fill(2500); // more than two batches
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      assertThat(r.notices()).isEmpty();
      DirectoryView a = r.directory("a", false);
      assertThat(a.size()).isEqualTo(2500);
      assertThat(a.upToDate("f7.jpg", 1007, 77, sink(out.resolve("a/f7.webp")))).isTrue();
      assertThat(a.upToDate("f7.jpg", 1007, 78, sink(out.resolve("a/f7.webp")))).as("source touched").isFalse();
      assertThat(a.upToDate("f8.jpg", 1008, 77, sink(out.resolve("a/f7.webp")))).as("output of another size").isFalse();
      assertThat(r.directory("", false).size()).isZero();
    }
    try (MigrationRecord r = MigrationRecord.open(paths, "q60 m4 png-auto")) {
      assertThat(r.directory("a", false).size()).isZero();
    }
  }

  @Test
  void failures_stayOutstandingUntilTheFileConverts() throws Exception {
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      r.startRun(start());
      r.failed("b/x.png", 10, 1, "CORRUPT_INPUT", "bad CRC");
      r.failed("b/y.png", 10, 1, "TOO_LARGE", "too big");
      r.finishRun(end(0));
    }
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      assertThat(r.hasFailures()).isTrue();
      assertThat(r.directory("b", true).failed("x.png")).isTrue();
      r.startRun(start());
      r.converted("b/x.png", 10, 1, 5);
      r.finishRun(end(1));
    }
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      DirectoryView b = r.directory("b", true);
      assertThat(b.failed("x.png")).isFalse();
      assertThat(b.failed("y.png")).isTrue();
    }
  }

  @Test
  void oldJournal_isImportedOnce_tornLinesIgnored_andKeptAside() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add(LegacyLines.line("2013/07/IMG_" + i + ".jpg", 5000 + i, 1_400_000_000_000L + i, KEY, 900 + i));
    }
    lines.add(LegacyLines.line("2013/07/IMG_5.jpg", 1, 2, KEY, 3)); // a later line replaces an earlier one
    lines.add(LegacyLines.line("2013/07/IMG_6.jpg", 1, 2, KEY, 3).substring(0, 20)); // torn by a crash
    Files.write(paths.legacyJournal(), lines);
    Files.writeString(paths.legacyFailures(), "{\"path\":\"2013/bad.png\",\"error_type\":\"CORRUPT_INPUT\","
        + "\"message\":\"truncated\"}\nnot json\n");
    Path target = Files.createDirectories(out.resolve("2013/07")).resolve("IMG_7.webp");
    Files.write(target, new byte[907]);

    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      assertThat(r.notices()).singleElement().asString().contains("imported 301 entries and 1 failures",
          ".optimizr-state.imported");
      DirectoryView v = r.directory("2013/07", false);
      assertThat(v.size()).isEqualTo(300);
      assertThat(v.upToDate("IMG_7.jpg", 5007, 1_400_000_000_007L, sink(target))).isTrue();
      assertThat(v.upToDate("IMG_5.jpg", 5005, 1_400_000_000_005L, sink(target))).isFalse();
      assertThat(r.directory("2013", true).failed("bad.png")).isTrue();
    }
    assertThat(paths.legacyJournal()).doesNotExist();
    assertThat(out.resolve(".optimizr/.optimizr-state.imported")).exists();
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      assertThat(r.notices()).isEmpty();
      assertThat(r.directory("2013/07", false).size()).isEqualTo(300);
    }
  }

  @Test
  void truncatedRecord_isMovedAside_withOneLine_andANewRecordStarts() throws Exception {
    fill(3000);
    long size = Files.size(paths.database());
    try (FileChannel ch = FileChannel.open(paths.database(), StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    assertDamagedAndReplaced("the record is damaged (truncated: " + size / 2 + " of " + size + " bytes)");
  }

  @Test
  void randomBytes_areMovedAside_withOneLine_andANewRecordStarts() throws Exception {
    byte[] junk = new byte[50_000];
    new Random(7).nextBytes(junk);
    Files.createDirectories(paths.directory());
    Files.write(paths.database(), junk);
    assertDamagedAndReplaced("the record is damaged (not an SQLite database)");
  }

  @Test
  void anotherSqliteFile_isNotTakenForARecord() throws Exception {
    Files.createDirectories(paths.directory());
    try (Connection c = RecordFile.connect(paths.database(), false); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(x)");
    }
    assertDamagedAndReplaced("the record is damaged (an SQLite file, but not an optimizr record)");
  }

  private void assertDamagedAndReplaced(String expected) throws Exception {
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      assertThat(r.notices()).singleElement().asString()
          .startsWith(paths.database() + ": " + expected + "; moved aside to record.db.damaged-")
          .endsWith("starting a new record: files converted before are converted once more")
          .doesNotContain("\n", "Exception");
      assertThat(r.directory("a", false).size()).isZero();
      r.startRun(start());
      r.converted("a/new.jpg", 1, 1, 1);
      r.finishRun(end(1));
    }
    try (Stream<Path> s = Files.list(paths.directory())) {
      assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("record.db.damaged-"));
    }
    try (MigrationRecord r = MigrationRecord.open(paths, KEY)) {
      assertThat(r.notices()).isEmpty();
      assertThat(r.directory("a", false).size()).isEqualTo(1);
    }
  }

  @Test
  void recordOfANewerRelease_stopsTheRun_andStaysWhereItIs() throws Exception {
    fill(3);
    try (Connection c = RecordFile.connect(paths.database(), false); Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> MigrationRecord.open(paths, KEY)).isInstanceOf(RecordException.class)
        .hasMessage(paths.database() + " was written by a newer optimizr (record version 99, this release reads up"
            + " to 1): run that release or a newer one, or move the file away to start a new record");
    assertThat(paths.database()).exists();
    try (Stream<Path> s = Files.list(paths.directory())) {
      assertThat(s).noneMatch(p -> p.getFileName().toString().contains("damaged"));
    }
  }

  @Test
  void readOnlyOpen_ofAnOldJournal_writesNothingInTheOutput() throws Exception {
    Files.write(paths.legacyJournal(), List.of(LegacyLines.line("x.jpg", 1, 2, KEY, 3)));
    try (MigrationRecord r = MigrationRecord.openToRead(paths, KEY)) {
      assertThat(r.directory("", false).size()).isEqualTo(1);
      r.converted("y.jpg", 1, 1, 1); // ignored: a dry run records nothing
    }
    assertThat(paths.directory()).doesNotExist();
    assertThat(paths.legacyJournal()).exists();
  }

  /** The record checks an output through its sink, as the walker hands it over. */
  private static LocalSink sink(Path target) {
    return new LocalSink(target, (t, content) -> {
      throw new IOException("not written here");
    });
  }
}
