package dev.optimizr.cli;

import dev.optimizr.analytics.RunSnapshot;
import dev.optimizr.pipeline.JobResult;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.SummaryWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
        out.println(String.format(Locale.ROOT, "OK %s %s → %s (%s%d %%) %d ms", path, bytes(in),
            bytes(r.outputBytes()), change < 0 ? "−" : "+", Math.abs(change), r.nanos() / 1_000_000));
      }
      return;
    }
    failures.append(path, r.errorType().name(), r.message());
    err.println(path + ": " + r.errorType() + ": " + r.message());
    if (verbose && r.cause() != null) {
      r.cause().printStackTrace(err);
    }
  }

  void onUnreadable(Path path, String reason) {
    err.println(path + ": WARNING: " + reason);
  }

  /** The three closing lines printed without {@code -verbose}. */
  static void printTotals(PrintWriter out, RunSnapshot s, SummaryWriter.RunInfo info, Path summary) {
    Duration d = Duration.between(info.start(), info.end());
    out.println(String.format(Locale.ROOT, "%s: %d of %d images converted, %d failed, in %.1f s",
        info.interrupted() ? "Interrupted" : "Done", s.converted(), s.found(), s.failed(), d.toMillis() / 1000.0));
    long saved = s.inputBytes() - s.outputBytes();
    out.println(String.format(Locale.ROOT, "%s → %s (%s saved, %.1f %%)", bytes(s.inputBytes()),
        bytes(s.outputBytes()), bytes(saved), s.inputBytes() == 0 ? 0.0 : 100.0 * saved / s.inputBytes()));
    out.println("Summary: " + summary + (s.failed() > 0
        ? "; failures: " + summary.resolveSibling(FailureLog.FILE_NAME) : ""));
  }

  static String bytes(long b) {
    double v = Math.abs(b);
    String sign = b < 0 ? "-" : "";
    if (v < 1024) {
      return sign + (long) v + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    int i = -1;
    do {
      v /= 1024;
      i++;
    } while (v >= 1024 && i < units.length - 1);
    return sign + String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
