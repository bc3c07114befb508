package dev.optimizr.cli;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.pipeline.JobResult;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.BoxReport;
import dev.optimizr.report.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints per-image lines as results arrive (from worker threads) and the closing totals. Thread-safe:
 * each line is one {@code println} on a synchronised writer, and the failure log is synchronised.
 */
final class ConsoleReporter {
  private final PrintWriter out;
  private final PrintWriter err;
  private final FailureLog failures;
  private final boolean verbose;

  ConsoleReporter(PrintWriter out, PrintWriter err, FailureLog failures, boolean verbose) {
    this.out = out;
    this.err = err;
    this.failures = failures;
    this.verbose = verbose;
  }

  void onResult(JobResult r) {
    String path = r.job().relative();
    for (String w : r.warnings()) {
      err.println(path + ": WARNING: " + w);
    }
    if (r.ok()) {
      if (verbose) {
        long in = r.job().sizeBytes();
        long change = in == 0 ? 0 : Math.round(100.0 * (r.outputBytes() - in) / in);
        out.println(String.format(Locale.ROOT, "OK %s %s → %s (%s%d %%) %d ms", path, BoxReport.bytes(in),
            BoxReport.bytes(r.outputBytes()), change < 0 ? "−" : "+", Math.abs(change), r.nanos() / 1_000_000));
      }
      return;
    }
    failures.append(path, r.errorType().name(), r.message());
    err.println((verbose ? "FAILED " : "") + path + ": " + r.errorType() + ": " + r.message());
    if (verbose && r.cause() != null
        && (r.errorType() == ErrorType.INTERNAL_ERROR || r.errorType() == ErrorType.OUT_OF_MEMORY)) {
      r.cause().printStackTrace(err);
    }
  }

  void onUnreadable(Path path, String reason) {
    err.println(path + ": WARNING: " + reason);
  }

  /** The three closing lines printed after every run; a null path means that file could not be written. */
  static void printTotals(PrintWriter out, RunSummary s, Path summary, Path failures) {
    out.println(String.format(Locale.ROOT, "%s: %d of %d images converted, %d failed, %d skipped, in %s",
        s.interrupted() ? "Interrupted" : "Done", s.processedFiles(), s.totalFiles(), s.failedFiles(),
        s.skippedFiles(), s.duration()));
    out.println(String.format(Locale.ROOT, "%s → %s (%s saved, %.1f %%), %.2f MB/s", BoxReport.bytes(
        s.totalInputBytes()), BoxReport.bytes(s.totalOutputBytes()), BoxReport.bytes(s.bytesSaved()),
        s.spaceSavingPercent(), s.throughputMbPerSec()));
    out.println("Summary: " + (summary != null ? summary : "not written (see the error above)")
        + (s.failedFiles() > 0 ? "; failures: " + (failures != null ? failures : "not written") : ""));
  }
}
