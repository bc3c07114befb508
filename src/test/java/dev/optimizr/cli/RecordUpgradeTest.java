package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading: an output tree written by the release before the SQLite record (src/test/resources/upgrade) is
 * skipped entirely by the first run; and a damaged or newer record is one line, never a stack trace.
 */
class RecordUpgradeTest {
  private static final List<String> INPUTS = List.of("synthetic/plasma-640x480.jpg", "synthetic/palette-trns.png",
      "pngsuite/basn2c08.png", "synthetic/text-file.png");

  @TempDir Path tmp;
  private Path in;
  private Path out;
  private StringWriter stdout;
  private StringWriter stderr;

  @BeforeEach
  void oldOutputTree() throws Exception {
    in = tmp.resolve("in");
    out = tmp.resolve("out");
    for (String f : INPUTS) {
      Files.createDirectories(in.resolve(f).getParent());
      Files.copy(TestImages.edge(f), in.resolve(f));
    }
    Path old = Paths.get(RecordUpgradeTest.class.getResource("/upgrade/out").toURI());
    try (Stream<Path> s = Files.walk(old)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path dst = out.resolve(old.relativize(p).toString());
        Files.createDirectories(dst.getParent());
        Files.copy(p, dst);
      }
    }
    // The sources are unchanged since the old run: they have the modification times its journal recorded.
    for (String line : Files.readAllLines(out.resolve(".optimizr-state"))) {
      String[] f = line.split("\t");
      Files.setLastModifiedTime(in.resolve(f[0]), FileTime.fromMillis(Long.parseLong(f[2])));
    }
  }

  private int run(String... extra) {
    stdout = new StringWriter();
    stderr = new StringWriter();
    String[] args = Stream.concat(Stream.of("-input", in.toString(), "-output", out.toString(), "-quiet"),
        Stream.of(extra)).toArray(String[]::new);
    return new Optimizr(new PrintWriter(stdout, true), new PrintWriter(stderr, true), false).run(args);
  }

  private JsonNode summary() throws Exception {
    return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  @Test
  void firstRunAfterTheUpgrade_convertsNothingAgain() throws Exception {
    Path webp = out.resolve("synthetic/plasma-640x480.webp");
    byte[] before = Files.readAllBytes(webp);
    FileTime written = Files.getLastModifiedTime(webp);

    assertThat(run()).isEqualTo(1); // the text file fails, as it did before
    JsonNode s = summary();
    assertThat(s.get("processed_files").asLong()).isZero();
    assertThat(s.get("skipped_files").asLong()).isEqualTo(3);
    assertThat(s.get("failed_files").asLong()).isEqualTo(1);
    assertThat(stderr.toString()).contains("imported 3 entries and 1 failures of the earlier record .optimizr-state");
    assertThat(Files.readAllBytes(webp)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(webp)).isEqualTo(written);
    assertThat(out.resolve(".optimizr-state")).doesNotExist();
    assertThat(out.resolve(".optimizr/record.db")).exists();
  }

  @Test
  void retryFailed_rightAfterTheUpgrade_retriesTheOldFailureList() throws Exception {
    assertThat(run("-retry-failed")).isEqualTo(1);
    JsonNode s = summary();
    assertThat(s.get("total_files").asLong()).isEqualTo(1);
    assertThat(s.get("failed_files").asLong()).isEqualTo(1);
  }

  @Test
  void damagedRecord_isOneLine_movedAside_andTheRunGoesOn() throws Exception {
    assertThat(run()).isEqualTo(1);
    Path db = out.resolve(".optimizr/record.db");
    Files.write(db, "this is not a database, it was overwritten".getBytes());

    assertThat(run()).isEqualTo(1);
    assertThat(stderr.toString().lines().filter(l -> l.contains("record.db")).toList()).singleElement().asString()
        .isEqualTo("optimizr: " + db.toRealPath() + ": the record is damaged (not an SQLite database); moved aside to "
            + stderr.toString().replaceAll("(?s).*moved aside to (record\\.db\\.damaged-[0-9-]+).*", "$1")
            + " and starting a new record: files converted before are converted once more");
    assertThat(stderr.toString()).doesNotContain("Exception", "\tat ");
    assertThat(summary().get("processed_files").asLong()).isEqualTo(3);
  }

  @Test
  void recordOfANewerRelease_stopsWithOneLine_andExit70() throws Exception {
    assertThat(run()).isEqualTo(1);
    Path db = out.resolve(".optimizr/record.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 2");
    }
    assertThat(run()).isEqualTo(70);
    assertThat(stderr.toString()).isEqualTo("optimizr: " + db.toRealPath() + " was written by a newer optimizr"
        + " (record version 2, this release reads up to 1): run that release or a newer one, or move the file away"
        + " to start a new record" + System.lineSeparator());
    assertThat(db).exists();
  }
}
