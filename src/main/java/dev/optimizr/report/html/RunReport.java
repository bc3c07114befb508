package dev.optimizr.report.html;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.report.RunSummary;
import java.util.List;

/** The report model of one run, from its summary and the per-file aggregates collected while it ran. Stateless. */
public final class RunReport {
  private RunReport() {}

  /**
   * @param throughput (seconds into the run, images/s) points
   * @param auditPlan how the audit sample was chosen, for the page
   */
  public static ReportModel of(RunSummary s, FileTally.Snapshot tally, List<double[]> throughput,
      AuditCollector.Snapshot audit, String auditPlan) {
    RunSummary.Run run = s.run();
    RunSummary.Files f = s.files();
    RunSummary.Sizes z = s.sizes();
    ReportModel.Headline h = new ReportModel.Headline(f.processedFiles(), f.failedFiles(), f.skippedFiles(),
        z.totalInputBytes(), z.totalOutputBytes(), z.spaceSavingPercent(), run.durationSeconds(),
        s.timing().imagesPerSecond(), run.startTime(), run.endTime());
    ReportModel.RunRow row = new ReportModel.RunRow(run.startTime(), "all", run.durationSeconds(),
        f.processedFiles(), f.failedFiles(), f.skippedFiles(), z.totalInputBytes(), z.totalOutputBytes(),
        run.interrupted() ? "interrupted" : f.failedFiles() > 0 ? "finished with failures" : "finished");
    String scope = "this run of " + run.inputDir() + " into " + run.outputDir();
    return new ReportModel(scope, h, run.settings(), List.of(row), tally, s.memorySnapshots(), throughput,
        s.stages(), audit, auditPlan);
  }
}
