package dev.optimizr.cli;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.pipeline.JobResult;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.BoxReport;
import dev.optimizr.report.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        long change = in == 0 ? 0 : Math.round(100.0 * (r.outputBytes() - in) / in);
        String text = String.format(Locale.ROOT, "OK %s %s → %s (%s%d %%) %d ms", path, BoxReport.bytes(in),
            BoxReport.bytes(r.outputBytes()), change < 0 ? "−" : "+", Math.abs(change), r.nanos() / 1_000_000);
        line(out, RESULTS.atInfo().addKeyValue("path", path).addKeyValue("duration_ms", r.nanos() / 1_000_000)
            .addKeyValue("input_bytes", in).addKeyValue("output_bytes", r.outputBytes()), text);
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

  void onUnreadable(Path path, String reason) {
    line(err, RESULTS.atWarn().addKeyValue("path", path.toString()), path + ": WARNING: " + reason);
  }

  /** One line of text, or under JSON the same text as the message of the structured event. */
  private void line(PrintWriter w, LoggingEventBuilder event, String text) {
    if (json) {
      event.log(text);
    } else {
      w.println(text);
    }
  }

  /** The closing totals: three lines, or under JSON one event with the numbers as fields. */
  void printTotals(RunSummary s, Path summary, Path failureLog) {
    if (!json) {
      printTotals(out, s, summary, failureLog);
      return;
    }
    RUN.atInfo().addKeyValue("total_files", s.totalFiles()).addKeyValue("processed_files", s.processedFiles())
        .addKeyValue("failed_files", s.failedFiles()).addKeyValue("skipped_files", s.skippedFiles())
        .addKeyValue("duration_seconds", s.durationSeconds()).addKeyValue("bytes_saved", s.bytesSaved())
        .addKeyValue("interrupted", s.interrupted()).addKeyValue("summary", String.valueOf(summary))
        .log(firstLine(s));
  }

  private static String firstLine(RunSummary s) {
    return String.format(Locale.ROOT, "%s: %d of %d images converted, %d failed, %d skipped, in %s",
        s.interrupted() ? "Interrupted" : "Done", s.processedFiles(), s.totalFiles(), s.failedFiles(),
        s.skippedFiles(), s.duration());
  }

  /** The three closing lines printed after every run; a null path means that file could not be written. */
  static void printTotals(PrintWriter out, RunSummary s, Path summary, Path failures) {
    out.println(firstLine(s));
    out.println(String.format(Locale.ROOT, "%s → %s (%s saved, %.1f %%), %.2f MB/s", BoxReport.bytes(
        s.totalInputBytes()), BoxReport.bytes(s.totalOutputBytes()), BoxReport.bytes(s.bytesSaved()),
        s.spaceSavingPercent(), s.throughputMbPerSec()));
    out.println("Summary: " + (summary != null ? summary : "not written (see the error above)")
        + (s.failedFiles() > 0 ? "; failures: " + (failures != null ? failures : "not written") : ""));
  }
}
