package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.state.RunLock;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes, as cron runs them: overlapping runs, SIGKILL and resume, a small heap. */
class UnattendedRunTest {
  private static final int FILES = 60;

  @TempDir static Path tree;

  @BeforeAll
  static void buildTree() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(1200, 900, 11), "png", tree.resolve("seed.png"));
    TestImages.copies(seed, tree.resolve("in"), FILES, 3);
  }

  private static JsonNode summary(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  @Test
  void secondRunOnTheSameOutput_isRefusedAtOnce_withExit75() throws Exception {
    Path out = Files.createDirectories(tree.resolve("out-lock"));
    Path log = tree.resolve("lock.log");
    try (RunLock held = RunLock.acquire(out.resolve(RunLock.FILE_NAME))) { // this test JVM plays the still-running first job
      Process second = ChildRun.start(log, List.of(), "-input", tree.resolve("in").toString(), "-output",
          out.toString(), "-quiet");
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(75);
      assertThat(Files.readString(log)).startsWith("optimizr: another optimizr run holds " + out.toRealPath()
          .resolve(RunLock.FILE_NAME)).contains("pid " + ProcessHandle.current().pid());
      assertThat(ChildRun.files(out, ".webp")).isEmpty();
    }
    Process after = ChildRun.start(log, List.of(), "-input", tree.resolve("in").toString(), "-output",
        out.toString(), "-quiet", "-workers", "2");
    assertThat(after.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(after.exitValue()).as(Files.readString(log)).isZero();
  }

  @Test
  void sigkillMidRun_leavesOnlyCompleteWebps_andTheNextRunDoesExactlyTheRest() throws Exception {
    Path out = tree.resolve("out-kill");
    Process first = ChildRun.start(tree.resolve("kill1.log"), List.of(), "-input", tree.resolve("in").toString(),
        "-output", out.toString(), "-quiet", "-workers", "2");
    ChildRun.awaitOutputs(out, first, 5);
    first.destroyForcibly(); // SIGKILL: no handler runs, nothing is cleaned up
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int before = ChildRun.files(out, ".webp").size();
    assertThat(before).isBetween(5, FILES - 1);
    ChildRun.assertAllDecode(out, 1200);

    Path log = tree.resolve("kill2.log");
    Process second = ChildRun.start(log, List.of(), "-input", tree.resolve("in").toString(), "-output",
        out.toString(), "-quiet", "-workers", "2");
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(second.exitValue()).as(Files.readString(log)).isZero();
    JsonNode s = summary(out);
    assertThat(s.get("total_files").asLong()).isEqualTo(FILES);
    // The record commits in batches (1,000 files or 1 s): outputs of the batch the kill cut short are done again;
    // every output on record is skipped.
    assertThat(s.get("skipped_files").asLong()).isBetween(0L, (long) before);
    assertThat(s.get("processed_files").asLong() + s.get("skipped_files").asLong()).isEqualTo(FILES);
    assertThat(ChildRun.files(out, ".webp")).hasSize(FILES);
    assertThat(ChildRun.files(out, "")).noneMatch(p -> AtomicFileWriter.isTemp(p.getFileName().toString()));
    ChildRun.assertAllDecode(out, 1200);
  }

  /** Three 50-MP images with three workers in a 512 MB heap: admission runs them one at a time. */
  @Test
  void largeImagesInASmallHeap_convertWithoutOutOfMemory() throws Exception {
    Path big = tree.resolve("big");
    BufferedImage img = new BufferedImage(7100, 7100, BufferedImage.TYPE_INT_RGB); // 50.4 MP
    var g = img.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.ORANGE, 7100, 7100, java.awt.Color.BLUE));
    g.fillRect(0, 0, 7100, 7100);
    g.dispose();
    Path first = TestImages.write(img, "png", big.resolve("a.png"));
    img = null;
    Files.copy(first, big.resolve("b.png"));
    Files.copy(first, big.resolve("c.png"));
    Path out = tree.resolve("out-big");
    Path log = tree.resolve("big.log");

    Process p = ChildRun.start(log, List.of("-Xmx512m"), "-input", big.toString(), "-output", out.toString(),
        "-workers", "3", "-quiet");
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    assertThat(summary(out).get("processed_files").asLong()).isEqualTo(3);
    assertThat(Files.readString(log)).doesNotContain("OUT_OF_MEMORY");
    ChildRun.assertAllDecode(out, 7100);
  }

  /**
   * A PNG whose raster cannot fit the heap is refused by admission before decoding (TOO_LARGE, not an
   * OutOfMemoryError nor damage), naming the heap it needs and the fix; the other image is converted.
   */
  @Test
  void pngLargerThanTheHeap_isRefusedBeforeDecoding_withTheFix_andTheRunGoesOn() throws Exception {
    Path in = tree.resolve("oom-in");
    BufferedImage img = new BufferedImage(5000, 4000, BufferedImage.TYPE_INT_ARGB); // 80 MB decoded
    var g = img.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(255, 0, 0, 40), 5000, 4000, java.awt.Color.BLUE));
    g.fillRect(0, 0, 5000, 4000);
    g.dispose();
    TestImages.write(img, "png", in.resolve("huge.png"));
    img = null;
    TestImages.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", in.resolve("small.png"));
    Path out = tree.resolve("oom-out");
    Path log = tree.resolve("oom.log");

    Process p = ChildRun.start(log, List.of("-Xmx64m"), "-input", in.toString(), "-output", out.toString(),
        "-workers", "2", "-quiet");
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(1);
    assertThat(out.resolve("small.webp")).exists();
    assertThat(out.resolve("huge.webp")).doesNotExist();
    String failures = Files.readString(out.resolve("failures.jsonl"));
    assertThat(failures).contains("huge.png", "\"TOO_LARGE\"", "this run has 64 MB", "OPTIMIZR_JAVA_OPTS=-Xmx1g");
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
  }
}
