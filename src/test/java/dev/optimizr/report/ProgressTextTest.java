package dev.optimizr.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.TreeCount;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The words of progress a person reads on the bar and in the log lines. */
class ProgressTextTest {
  /** A snapshot after {@code converted} conversions (1 MB each), {@code skipped} skips and failures. */
  private static CollectorSnapshot snapshot(int converted, int skipped, int failed) {
    ConcurrentCollector c = new ConcurrentCollector(List.of("decode"));
    for (int i = 0; i < converted; i++) {
      c.found();
      c.converted(1 << 20, 1 << 18, 1000, 1_000_000_000L, false);
    }
    for (int i = 0; i < skipped; i++) {
      c.found();
      c.skipped();
    }
    for (int i = 0; i < failed; i++) {
      c.found();
      c.failed("CORRUPT_INPUT");
    }
    return c.snapshot();
  }

  @Test
  void resume_skippedFilesAreNotWork_rateAndEtaComeFromTheConversions() {
    // 30 files up to date, 1 converted in 10 s, 159 in the tree: 128 to go at 0.1 image/s.
    ProgressText p = new ProgressText(snapshot(1, 30, 0), new TreeCount(159, true), 10);
    assertThat(p.logLine()).isEqualTo("progress: 1 converted, 30 skipped, 0 failed, 128 left of 159 (19 %); "
        + "0.1 images/s, 0.1 MB/s, ETA 21m20s");
    assertThat(p.statusLine(100)).isEqualTo(
        " 19% [===>               ] 1 converted, 30 skipped, 0 failed, 128 left, 0.1 img/s, ETA 21m20s");
  }

  @Test
  void whileCounting_noTotalPercentageOrEtaIsShown() {
    ProgressText p = new ProgressText(snapshot(2, 0, 1), new TreeCount(57, false), 3);
    assertThat(p.logLine()).isEqualTo("progress: 2 converted, 0 skipped, 1 failed, counting the tree "
        + "(57 found so far); 1.0 images/s, 0.7 MB/s");
    assertThat(p.statusLine(80)).isEqualTo("2 converted, 0 skipped, 1 failed, counting the tree, 1.0 img/s");
    ProgressText start = new ProgressText(snapshot(0, 0, 0), TreeCount.NONE, 0);
    assertThat(start.statusLine(80)).isEqualTo("0 converted, 0 skipped, 0 failed, counting the tree");
    assertThat(start.statusLine(40)).isEqualTo("0 conv 0 skip 0 fail counting");
  }

  @Test
  void statusLine_fitsEveryWidthFrom40_with_aBarFrom80() {
    List<ProgressText> states = List.of(
        new ProgressText(snapshot(0, 0, 0), new TreeCount(3, true), 0.5),
        new ProgressText(snapshot(12, 3, 1), new TreeCount(159, true), 7),
        new ProgressText(snapshot(5, 900, 20), new TreeCount(1_234_567, true), 3600 * 30),
        new ProgressText(snapshot(7, 2, 0), new TreeCount(99_999, false), 4));
    IntStream.rangeClosed(40, 200).forEach(width -> states.forEach(p -> {
      String line = p.statusLine(width);
      assertThat(line.length()).as("%d columns: '%s'", width, line).isLessThan(width);
      assertThat(line).doesNotContain("?").doesNotContain("0/0").contains(" conv");
    }));
    assertThat(states.get(1).statusLine(80)).isEqualTo(
        " 10% [=>             ] 12 converted, 3 skipped, 1 failed, 143 left, ETA 1m17s");
    assertThat(states.get(1).statusLine(40)).isEqualTo(" 10% 12 conv 3 skip 1 fail 143 left");
  }

  @Test
  void finished_fullBar_nothingLeft_noEta() {
    ProgressText p = new ProgressText(snapshot(3, 1, 0), new TreeCount(4, true), 2);
    assertThat(p.statusLine(70)).isEqualTo("100% [=============] 3 converted, 1 skipped, 0 failed, 0 left");
  }
}
