package dev.optimizr.cli.run;

import dev.optimizr.analytics.TreeCount;
import dev.optimizr.cli.ExitCode;
import dev.optimizr.cli.VersionInfo;
import dev.optimizr.io.IoReasons;
import dev.optimizr.pipeline.QualityAudit;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.RunControl;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.report.BoxReport;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.RunSummary;
import dev.optimizr.report.SummaryWriter;
import dev.optimizr.report.html.HtmlReport;
import dev.optimizr.report.html.ReportModel;
import dev.optimizr.report.html.RunReport;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordMirror;
import dev.optimizr.state.RunEnd;
import java.awt.AWTError;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a run leaves once its batch is over, in this order: failures.jsonl, summary.json, the run's entry in the
 * record, the record's upload, summary.json's and failures.jsonl's uploads (s3:// output), report.html, then the
 * box report ({@code -verbose}) and the totals. A step that fails is one line on stderr, never the run's result.
 * One per run, used by the run's thread.
 */
final class EndOfRun {
  /**
   * What the end needs of the run it ends.
   *
   * @param found the files the run took up, for the totals
   */
  record Run(MigrationRecord record, RecordCheckpoints uploads, RunControl control, RunTallies tallies,
      ConsoleReporter reporter, Supplier<TreeCount> found) {}

  private final RunConfig config;
  private final RunSession.Display display;
  private final RecordMirror mirror;
  private final PrintWriter out;
  private final PrintWriter err;

  EndOfRun(RunConfig config, RunSession.Display display, RecordMirror mirror, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.display = display;
    this.mirror = mirror;
    this.out = out;
    this.err = err;
  }

  /**
   * Commits {@code failures}, then takes the summary from {@code summarize} and writes, records, uploads and prints
   * it; returns it.
   */
  RunSummary finish(FailureLog failures, Supplier<RunSummary> summarize, Run run) throws InterruptedException {
    Shard shard = config.shard();
    boolean failuresWritten = bestEffort("write " + shard.fileName(FailureLog.FILE_NAME), failures::commit);
    RunSummary summary = summarize.get();
    Path written = config.filesDir().resolve(shard.fileName(SummaryWriter.FILE_NAME));
    boolean summaryWritten = bestEffort("write " + written.getFileName(),
        () -> SummaryWriter.write(written, summary));
    record(run, summary);
    bestEffort("upload the record", run.uploads()::last);
    Path failureList = config.filesDir().resolve(shard.fileName(FailureLog.FILE_NAME));
    if (mirror.remote()) {
      summaryWritten &= bestEffort("upload " + written.getFileName(),
          () -> mirror.publish(written, "application/json"));
      failuresWritten &= bestEffort("upload " + failureList.getFileName(),
          () -> mirror.publish(failureList, "application/x-ndjson"));
    }
    Path report = summary.files().processedFiles() > 0 ? writeReport(summary, run.tallies()) : null;
    if (report != null && mirror.remote()) {
      Path local = report;
      report = bestEffort("upload " + report.getFileName(), () -> mirror.publish(local, "text/html")) ? report
          : null;
    }
    if (display.verbose()) {
      BoxReport.render(summary, out);
    }
    run.reporter().printTotals(summary, run.found().get(), summaryWritten ? mirror.describe(written) : null,
        failuresWritten ? mirror.describe(failureList) : null, report == null ? null : mirror.describe(report));
    return summary;
  }

  /** The run's entry in the record; one that cannot be written is a warning. */
  private void record(Run run, RunSummary summary) throws InterruptedException {
    RunSummary.Files files = summary.files();
    String problem = run.record().finishRun(new RunEnd(Instant.parse(summary.run().endTime()),
        summary.run().durationSeconds(), files.totalFiles(), files.processedFiles(), files.failedFiles(),
        files.skippedFiles(), summary.sizes().totalInputBytes(), summary.sizes().totalOutputBytes(),
        summary.run().interrupted(), ExitCode.of(run.control().reason(), files.failedFiles()).code()));
    if (problem != null) {
      err.println("optimizr: warning: " + RunSession.recordPaths(config).database() + ": " + problem
          + "; the files concerned are converted again by the next run");
    }
  }

  /** The audit's sample in words, for the report. */
  static String describe(QualityAudit.Plan plan) {
    if (plan == null) {
      return "off (-audit off)";
    }
    if (plan.all()) {
      return "every converted image (-audit all)";
    }
    return String.format(Locale.ROOT, "%s %% of the converted images, at least %d, seed %d",
        BigDecimal.valueOf(plan.percent()).stripTrailingZeros().toPlainString(), plan.minimum(), plan.seed());
  }

  /** Writes OUT/report.html (this shard's own name when sharded); a failure is a warning, never the run's. */
  private Path writeReport(RunSummary summary, RunTallies tallies) {
    Path target = config.filesDir().resolve(config.shard().fileName(HtmlReport.FILE_NAME));
    ReportModel model = RunReport.of(summary, tallies.files().snapshot(), tallies.throughput().points(),
        tallies.audit().snapshot(), describe(display.audit()));
    try {
      return HtmlReport.write(target, model, VersionInfo.version());
    } catch (IOException e) {
      err.println("optimizr: could not write " + target.getFileName() + ": " + IoReasons.reason(e));
    } catch (RuntimeException | AWTError e) {
      // charts need the JDK's fonts; a minimal image without fontconfig lacks them
      err.println("optimizr: could not write " + target.getFileName() + ": " + e);
    }
    return null;
  }

  /** An I/O step at the end of a run that must not hide the run's result (e.g. on a full disk). */
  private interface IoStep {
    void run() throws IOException;
  }

  /** Returns false (after saying why on stderr) when the step failed. */
  private boolean bestEffort(String what, IoStep step) {
    try {
      step.run();
      return true;
    } catch (IOException e) {
      err.println("optimizr: could not " + what + ": " + IoReasons.reason(e));
      return false;
    }
  }
}
