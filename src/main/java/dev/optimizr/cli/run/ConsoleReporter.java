package dev.optimizr.cli.run;

import dev.optimizr.analytics.TreeCount;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.pipeline.JobResult;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.BoxReport;
import dev.optimizr.report.RunSummary;
import java.io.PrintWriter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Prints per-image lines as results arrive (from worker threads) and the closing totals; under
 * {@code --log-format json} the same lines become log events carrying {@code path}, {@code error_type} and
 * {@code duration_ms} fields. Thread-safe: each line is one {@code println} on a synchronised writer (or one
 * log event), and the failure log is synchronised.
 */
final class ConsoleReporter {
  private static final Logger RESULTS = LoggerFactory.getLogger("optimizr.results");
  private static final Logger RUN = LoggerFactory.getLogger("optimizr.run");

  private final PrintWriter out;
  private final PrintWriter err;
  private final FailureLog failures;
  private final boolean verbose;
  private final boolean json;

  ConsoleReporter(PrintWriter out, PrintWriter err, FailureLog failures, boolean verbose, boolean json) {
    this.out = out;
    this.err = err;
    this.failures = failures;
    this.verbose = verbose;
    this.json = json;
  }

  void onResult(JobResult r) {
    String path = r.job().relative();
    for (String w : r.warnings()) {
      line(err, RESULTS.atWarn().addKeyValue("path", path), path + ": WARNING: " + w);
    }
    if (r.ok()) {
      if (verbose) {
        long in = r.job().sizeBytes();
        line(out, RESULTS.atInfo().addKeyValue("path", path).addKeyValue("duration_ms", r.nanos() / 1_000_000)
            .addKeyValue("input_bytes", in).addKeyValue("output_bytes", r.outputBytes())
            .addKeyValue("written", r.detail().written()).addKeyValue("lossless", r.detail().lossless())
            .addKeyValue("ssim_quality", r.detail().quality()), okLine(r));
      }
      return;
    }
    failures.append(path, r.errorType().name(), r.message());
    String text = path + ": " + r.errorType() + ": " + r.message();
    // Stack traces only for unexpected failures (a bug, or memory): the others say all in their message.
    boolean trace = verbose && r.cause() != null
        && (r.errorType() == ErrorType.INTERNAL_ERROR || r.errorType() == ErrorType.OUT_OF_MEMORY);
    if (json) {
      LoggingEventBuilder e = RESULTS.atError().addKeyValue("path", path)
          .addKeyValue("error_type", r.errorType().name()).addKeyValue("duration_ms", r.nanos() / 1_000_000);
      (trace ? e.setCause(r.cause()) : e).log(text);
      return;
    }
    err.println((verbose ? "FAILED " : "") + text);
    if (trace) {
      r.cause().printStackTrace(err);
    }
  }

  /**
   * {@code OK a/b.jpg 2.1 MB → 412 KB (−80 %) 183 ms}, then how it was encoded when that is not the plain
   * default, e.g. {@code , lossless} or {@code , q62 SSIM 0.9513}; outputs larger than their source say so,
   * and start with {@code LARGER} when {@code -if-larger skip} withheld them.
   */
  private static String okLine(JobResult r) {
    long in = r.job().sizeBytes();
    long change = in == 0 ? 0 : Math.round(100.0 * (r.outputBytes() - in) / in);
    JobResult.Detail d = r.detail();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %s %s → %s (%s%d %%) %d ms",
        d.written() ? "OK" : "LARGER", r.job().relative(), BoxReport.bytes(in), BoxReport.bytes(r.outputBytes()),
        change < 0 ? "−" : "+", Math.abs(change), r.nanos() / 1_000_000));
    if (d.lossless()) {
      b.append(", lossless");
    }
    if (d.quality() >= 0) {
      b.append(String.format(Locale.ROOT, ", q%d SSIM %.4f", d.quality(), d.ssim()));
    }
    if (!d.written()) {
      b.append(": larger than the source, not written (-if-larger skip)");
    } else if (d.larger()) {
      b.append(", larger than the source");
    }
    return b.toString();
  }

  void onUnreadable(String path, String reason) {
    line(err, RESULTS.atWarn().addKeyValue("path", path), path + ": WARNING: " + reason);
  }

  /** One line of text, or under JSON the same text as the message of the structured event. */
  private void line(PrintWriter w, LoggingEventBuilder event, String text) {
    if (json) {
      event.log(text);
    } else {
      w.println(text);
    }
  }

  /**
   * The closing totals: three lines, or under JSON one event with the numbers as fields; {@code tree} is the
   * counting walk's result, for an interrupted run's "N not started".
   */
  void printTotals(RunSummary s, TreeCount tree, String summary, String failureLog, String report) {
    if (!json) {
      printTotals(out, s, tree, summary, failureLog, report);
      return;
    }
    RunSummary.Files f = s.files();
    LoggingEventBuilder e = RUN.atInfo().addKeyValue("total_files", f.totalFiles())
        .addKeyValue("processed_files", f.processedFiles()).addKeyValue("failed_files", f.failedFiles())
        .addKeyValue("skipped_files", f.skippedFiles());
    if (s.run().interrupted() && tree.complete()) {
      e = e.addKeyValue("not_started_files", notStarted(f, tree));
    }
    e.addKeyValue("duration_seconds", s.run().durationSeconds()).addKeyValue("bytes_saved", s.sizes().bytesSaved())
        .addKeyValue("interrupted", s.run().interrupted()).addKeyValue("summary", String.valueOf(summary));
    if (report != null) {
      e = e.addKeyValue("report", report);
    }
    e.log(firstLine(s, tree));
  }

  private static long notStarted(RunSummary.Files f, TreeCount tree) {
    return tree.pending(f.processedFiles() + f.failedFiles() + f.skippedFiles());
  }

  /**
   * {@code Done: 30 of 30 images converted, 0 failed, 129 skipped, in 45s}; after a stop the images never
   * started are counted apart, {@code Interrupted: 30 converted, 0 failed, 0 skipped, 129 not started, in 22s}
   * ("at least N" when the stop came before the tree was fully counted).
   */
  private static String firstLine(RunSummary s, TreeCount tree) {
    RunSummary.Files f = s.files();
    if (!s.run().interrupted()) {
      return String.format(Locale.ROOT, "Done: %d of %d images converted, %d failed, %d skipped, in %s",
          f.processedFiles(), f.totalFiles(), f.failedFiles(), f.skippedFiles(), s.run().duration());
    }
    long notStarted = notStarted(f, tree);
    String rest = tree.complete() ? Long.toString(notStarted)
        : notStarted > 0 ? "at least " + notStarted : "the rest";
    return String.format(Locale.ROOT, "Interrupted: %d converted, %d failed, %d skipped, %s not started, in %s",
        f.processedFiles(), f.failedFiles(), f.skippedFiles(), rest, s.run().duration());
  }

  /** The three closing lines printed after every run; a null path means that file could not be written. */
  /** @param report where report.html is, or null when none was written (nothing converted) */
  static void printTotals(PrintWriter out, RunSummary s, TreeCount tree, String summary, String failures,
      String report) {
    out.println(firstLine(s, tree));
    RunSummary.Sizes z = s.sizes();
    out.println(String.format(Locale.ROOT, "%s → %s (%s saved, %.1f %%), %.2f MB/s", BoxReport.bytes(
        z.totalInputBytes()), BoxReport.bytes(z.totalOutputBytes()), BoxReport.bytes(z.bytesSaved()),
        z.spaceSavingPercent(), s.timing().throughputMbPerSec()));
    out.println("Summary: " + (summary != null ? summary : "not written (see the error above)")
        + (report != null ? "; report: " + report : "")
        + (s.files().failedFiles() > 0 ? "; failures: " + (failures != null ? failures : "not written") : ""));
  }

}
