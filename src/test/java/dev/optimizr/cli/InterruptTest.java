package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optimizr.TestImages;
import dev.optimizr.io.AtomicFileWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real optimizr process stopped by signals in the middle of a run: it exits 143/130 after finishing
 * the images in flight, marks the summary interrupted, and leaves only complete WebP files.
 */
class InterruptTest {
  private static final int FILES = 120;

  @TempDir static Path tree;

  @BeforeAll
  static void buildTree() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(1600, 1200, 7), "png", tree.resolve("seed.png"));
    TestImages.copies(seed, tree.resolve("in"), FILES, 4);
  }

  private static Process start(Path out) throws Exception {
    return ChildRun.start(out.resolveSibling(out.getFileName() + ".log"), List.of(),
        "-input", tree.resolve("in").toString(), "-output", out.toString(), "-workers", "2");
  }

  private static long webpCount(Path out) throws Exception {
    return ChildRun.files(out, ".webp").size();
  }

  private static void awaitProgress(Path out, Process p) throws Exception {
    ChildRun.awaitOutputs(out, p, 3);
  }

  private static void awaitLog(Path out, String text, Process p) throws Exception {
    Path log = out.resolveSibling(out.getFileName() + ".log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text)) {
      assertThat(p.isAlive() && System.nanoTime() < deadline).as("'%s' in %s", text, log).isTrue();
      Thread.sleep(50);
    }
  }

  private static void signal(Process p, String sig) throws Exception {
    ChildRun.signal(p, sig);
  }

  /** Every .webp decodes; no temp file is left. */
  private static void assertOnlyCompleteOutputs(Path out) throws Exception {
    List<Path> all;
    try (Stream<Path> s = Files.walk(out)) {
      all = s.filter(Files::isRegularFile).toList();
    }
    assertThat(all).noneMatch(p -> AtomicFileWriter.isTemp(p.getFileName().toString()));
    for (Path p : all) {
      if (p.toString().endsWith(".webp")) {
        assertThat(Files.size(p)).as("%s", p).isPositive();
        assertThat(TestImages.decodeWebP(p).getWidth()).as("%s", p).isEqualTo(1600);
      }
    }
  }

  @Test
  void sigterm_finishesInFlightImages_exits143_summaryInterrupted() throws Exception {
    Path out = tree.resolve("out-term");
    Process p = start(out);
    awaitProgress(out, p);
    signal(p, "TERM");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();

    assertThat(p.exitValue()).isEqualTo(143);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("interrupted").asBoolean()).isTrue();
    assertThat(summary.get("processed_files").asLong()).isEqualTo(webpCount(out)).isLessThan(FILES);
    assertOnlyCompleteOutputs(out);
  }

  @Test
  void sigint_exits130() throws Exception {
    Path out = tree.resolve("out-int");
    Process p = start(out);
    awaitProgress(out, p);
    signal(p, "INT");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(130);
    assertOnlyCompleteOutputs(out);
  }

  @Test
  void secondSignal_stopsAtOnce_stillNoPartialFile() throws Exception {
    Path out = tree.resolve("out-twice");
    Process p = start(out);
    awaitProgress(out, p);
    signal(p, "INT");
    // Two signals sent back to back can merge into one while the first is still pending (seen on a loaded
    // machine): the second goes once the first has been handled, as a person pressing Ctrl+C twice would.
    awaitLog(out, "finishing the images in progress", p);
    signal(p, "INT");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(130);
    assertOnlyCompleteOutputs(out);
    assertThat(new File(out.toFile(), "summary.json")).doesNotExist(); // a hard stop writes no summary
  }
}
