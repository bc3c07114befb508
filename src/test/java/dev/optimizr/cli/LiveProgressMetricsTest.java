package dev.optimizr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How far a resumed run is, as a dashboard and the person who stops it see it: the live {@code /metrics}
 * of a real run show the whole tree and what is pending from the start, skipped files apart; the closing
 * line after a stop counts the images never started.
 */
class LiveProgressMetricsTest {
  private static final int DONE_BEFORE = 10;
  private static final int ADDED = 30;
  private static final int TOTAL = DONE_BEFORE + ADDED;

  @TempDir Path tmp;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The body of GET /metrics, or null while nothing answers. */
  private static String scrape(int port) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(10_000);
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return null;
    }
  }

  private static double sample(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void resumedRun_metricsShowTheWholeTreeAndWhatIsPending_stopCountsTheImagesNotStarted() throws Exception {
    Path seed = TestImages.write(TestImages.photoLike(1200, 900, 3), "png", tmp.resolve("seed.png"));
    Path in = tmp.resolve("in");
    Path out = tmp.resolve("out");
    TestImages.copies(seed, in.resolve("a"), DONE_BEFORE, 1);
    assertThat(new Optimizr(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false)
        .run("-input", in.toString(), "-output", out.toString(), "-quiet")).isZero();
    TestImages.copies(seed, in.resolve("b"), ADDED, 3);

    int port = freePort();
    Path log = tmp.resolve("run.log");
    Process run = ChildRun.start(log, List.of(), "-input", in.toString(), "-output", out.toString(),
        "-workers", "1", "-quiet", "--metrics-port", Integer.toString(port));
    try {
      String metrics = awaitMetrics(port, run);
      assertThat(sample(metrics, "optimizr_files_discovered")).as("the whole tree").isEqualTo(TOTAL);
      assertThat(sample(metrics, "optimizr_files_found_total")).as("found: the whole tree").isEqualTo(TOTAL);
      assertThat(sample(metrics, "optimizr_files_skipped_total")).isEqualTo(DONE_BEFORE);
      double pending = sample(metrics, "optimizr_files_pending");
      double finished = sample(metrics, "optimizr_files_processed_total")
          + sample(metrics, "optimizr_files_skipped_total");
      // A scrape reads one metric after the other: one image (-workers 1) may finish in between.
      assertThat(pending + finished).as("pending + converted + skipped").isBetween(TOTAL - 1.0, TOTAL + 1.0);
      assertThat(pending).isLessThan(ADDED).isPositive();
      assertThat(metrics).contains("# HELP optimizr_files_pending ", "# TYPE optimizr_files_pending gauge",
          "# HELP optimizr_files_discovered ", "# TYPE optimizr_files_discovered gauge");

      new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(run.exitValue()).isEqualTo(143);
    } finally {
      run.destroyForcibly();
    }
    String shown = Files.readString(log);
    Matcher m = Pattern.compile("(?m)^Interrupted: (\\d+) converted, 0 failed, " + DONE_BEFORE
        + " skipped, (\\d+) not started, in \\S+$").matcher(shown);
    assertThat(m.find()).as("the closing line in:%n%s", shown).isTrue();
    assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).isEqualTo(ADDED);
    assertThat(Integer.parseInt(m.group(2))).isPositive();
  }

  /** The first scrape after the tree is counted and two images are converted. */
  private static String awaitMetrics(int port, Process run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      String metrics = scrape(port);
      if (metrics != null && sample(metrics, "optimizr_files_discovery_complete") == 1
          && sample(metrics, "optimizr_files_processed_total") >= 2) {
        return metrics;
      }
      assertThat(run.isAlive()).as("the run is still going").isTrue();
      assertThat(System.nanoTime()).as("metrics in time").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
