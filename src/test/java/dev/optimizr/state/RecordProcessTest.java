package dev.optimizr.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record in real child processes: killed in the middle of a commit, and far larger than the heap. */
class RecordProcessTest {
  @TempDir Path tmp;

  private static Process child(Path log, String heap, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        heap, "-cp", System.getProperty("java.class.path"), RecordChild.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * SIGKILL while a batch is being committed (the journal exists): the next open rolls the batch back, the file
   * passes SQLite's integrity check, the committed entries are exactly a prefix of those written (whole batches,
   * nothing torn), and the record takes new results.
   */
  @Test
  void sigkillDuringABatchCommit_losesOnlyThatBatch_andTheRecordResumes() throws Exception {
    Path out = tmp.resolve("out");
    RecordPaths paths = RecordPaths.of(out, n -> n, "failures.jsonl");
    Path journal = RecordFile.journal(paths.database());
    Process p = child(tmp.resolve("write.log"), "-Xmx64m", "write", out.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(tmp.resolve("write.log")).contains("started") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(1500); // let several batches commit first
    while (!Files.exists(journal) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    long committed;
    try (MigrationRecord r = MigrationRecord.open(paths, "q80")) {
      assertThat(r.notices()).isEmpty();
      committed = r.directory("d", false).size();
      r.startRun(new RunStart(java.time.Instant.now(), "all", "test", "/in", java.util.Map.of(), "q80", false));
      r.converted("d/after.jpg", 1, 1, 1);
      r.finishRun(new RunEnd(java.time.Instant.now(), 1, 1, 1, 0, 0, 1, 1, false, 0));
    }
    assertThat(committed).isGreaterThanOrEqualTo(RecordWriter.BATCH);
    try (Connection c = RecordFile.connect(paths.database(), true); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*), max(source_size) FROM files WHERE name LIKE 'f%'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(committed);
        assertThat(rs.getLong(2)).as("no entry after a missing one").isEqualTo(committed - 1);
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM runs WHERE end_time IS NULL")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the killed run stays on record as unfinished").isEqualTo(1);
      }
    }
  }

  /** 300,000 entries (imported from an old journal, then looked up) in a JVM whose heap could not hold them. */
  @Test
  void recordFarLargerThanTheHeap_importsAndLooksUpInAChildWith24MB() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("big"));
    int dirs = 300;
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve(".optimizr-state"), StandardCharsets.UTF_8)) {
      for (int d = 0; d < dirs; d++) {
        for (int i = 0; i < 1000; i++) {
          w.write(LegacyLines.line("d" + d + "/archive-2013-07-15-IMG_" + (10_000_000 + i) + ".jpg", 200_000 + i,
              1_373_846_400_000L + i, "q80", 40_000 + i));
          w.write('\n');
        }
      }
    }
    for (String pass : List.of("import", "reopen")) {
      Path log = tmp.resolve(pass + ".log");
      Process p = child(log, "-Xmx24m", "lookup", out.toString(), Integer.toString(dirs));
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(log)).isZero();
      assertThat(Files.readString(log)).as(pass).contains("found 300000");
    }
  }
}
