package dev.optimizr.report;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.TreeCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of progress at one moment: converted, skipped, failed and left, shown apart, with a rate and an
 * ETA based on the images actually converted (skipping an up-to-date file takes a stat, so counting skipped
 * files as work would promise a resume ends in seconds). Immutable.
 *
 * @param seconds time since the run started
 */
record ProgressText(CollectorSnapshot snapshot, TreeCount tree, double seconds) {
  /** The bar's inner width: at least this many cells, or no bar at all. */
  private static final int MIN_BAR = 10;
  private static final int MAX_BAR = 40;

  /** Images still to go (queued, in progress or not reached); -1 while the tree is being counted. */
  long left() {
    return tree.complete() ? tree.pending(snapshot.done()) : -1;
  }

  /** Images converted or failed per second: the work done, not the skipped files. */
  double imagesPerSecond() {
    return seconds > 0 ? (snapshot.converted() + snapshot.failed()) / seconds : 0;
  }

  private double mbPerSecond() {
    return seconds > 0 ? snapshot.inputBytes() / 1048576.0 / seconds : 0;
  }

  /** ", ETA 1m17s" once the total and a rate are known and something is left, else "". */
  private String eta(String separator) {
    long left = left();
    double rate = imagesPerSecond();
    if (left <= 0 || rate <= 0) {
      return "";
    }
    return separator + "ETA " + GoDuration.format(Duration.ofSeconds(Math.max(1, Math.round(left / rate))));
  }

  /**
   * The line written every interval when stdout is a log, e.g. {@code progress: 30 converted, 12 skipped,
   * 1 failed, 116 left of 159 (27 %); 1.5 images/s, 3.2 MB/s, ETA 1m17s}.
   */
  String logLine() {
    CollectorSnapshot s = snapshot;
    String left = tree.complete()
        ? String.format(Locale.ROOT, "%d left of %d (%d %%)", left(), tree.found(), percent())
        : "counting the tree (" + tree.found() + " found so far)";
    return String.format(Locale.ROOT, "progress: %d converted, %d skipped, %d failed, %s; %.1f images/s, "
        + "%.1f MB/s%s", s.converted(), s.skipped(), s.failed(), left, imagesPerSecond(), mbPerSecond(), eta(", "));
  }

  /** Done (converted, skipped or failed) out of the total, 0-100; only once the total is known. */
  private int percent() {
    long total = tree.found();
    return total == 0 ? 100 : (int) Math.min(100, 100 * snapshot.done() / total);
  }

  /**
   * The terminal's status line, at most {@code width - 1} characters (the last column would make some
   * terminals wrap): the richest of a few layouts that fits, e.g. at 80 columns
   * {@code  27% [====>       ] 30 converted, 12 skipped, 1 failed, 116 left, ETA 1m17s}; at 40
   * {@code  27% 30 conv 12 skip 116 left ETA 1m17s}. Nothing is shown that is not known yet: no
   * percentage, bar or ETA while the tree is being counted, no ETA before the first image is done.
   */
  String statusLine(int width) {
    int max = Math.max(1, width - 1);
    String pct = tree.complete() ? String.format(Locale.ROOT, "%3d%% ", percent()) : "";
    String rate = imagesPerSecond() > 0 ? String.format(Locale.ROOT, ", %.1f img/s", imagesPerSecond()) : "";
    List<String> tails = List.of(counts(false, true) + rate + eta(", "), counts(false, true) + eta(", "),
        counts(true, true) + eta(" "), counts(true, false) + eta(" "), counts(true, false));
    if (tree.complete()) {
      // The bar's width depends on the terminal's only, so it does not jump as the numbers grow.
      String bar = bar(Math.min(MAX_BAR, Math.max(MIN_BAR, max / 5))) + " ";
      for (String tail : tails.subList(0, 3)) {
        if (pct.length() + bar.length() + tail.length() <= max) {
          return pct + bar + tail;
        }
      }
    }
    for (String tail : tails) {
      if (pct.length() + tail.length() <= max) {
        return pct + tail;
      }
    }
    String last = pct + tails.get(tails.size() - 1);
    return last.substring(0, Math.min(max, last.length()));
  }

  /** "30 converted, 12 skipped, 1 failed, 116 left", or short "30 conv 12 skip 1 fail 116 left". */
  private String counts(boolean brief, boolean zeros) {
    CollectorSnapshot s = snapshot;
    List<String> parts = new ArrayList<>();
    parts.add(s.converted() + (brief ? " conv" : " converted"));
    if (zeros || s.skipped() > 0) {
      parts.add(s.skipped() + (brief ? " skip" : " skipped"));
    }
    if (zeros || s.failed() > 0) {
      parts.add(s.failed() + (brief ? " fail" : " failed"));
    }
    parts.add(tree.complete() ? left() + " left" : brief ? "counting" : "counting the tree");
    return String.join(brief ? " " : ", ", parts);
  }

  /** {@code [=====>    ]} with {@code cells} inside, filled in proportion to the images done. */
  private String bar(int cells) {
    long total = tree.found();
    int filled = total == 0 ? cells : (int) Math.min(cells, cells * snapshot.done() / total);
    StringBuilder b = new StringBuilder(cells + 2).append('[');
    b.append("=".repeat(filled));
    if (filled < cells) {
      b.append(filled > 0 ? ">" : " ").append(" ".repeat(cells - filled - 1));
    }
    return b.append(']').toString();
  }
}
