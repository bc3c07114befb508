package dev.optimizr.report.html;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.state.RecordTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report model of a whole migration, from the record of every run and shard. The record keeps sizes, not
 * timings or memory, so the page shows the runs instead of one run's behaviour. Stateless.
 */
public final class MigrationReport {
  private MigrationReport() {}

  /**
   * @param tally every converted file and outstanding failure on record, aggregated
   * @param settings the latest run's settings
   * @param where e.g. "/photos into /webp"
   */
  public static ReportModel of(RecordTotals totals, FileTally.Snapshot tally, Map<String, Object> settings,
      String where, AuditCollector.Snapshot audit, String auditPlan) {
    double seconds = 0;
    long processed = 0;
    List<ReportModel.RunRow> rows = new ArrayList<>();
    for (RecordTotals.Run r : totals.runs()) {
      seconds += r.durationSeconds();
      processed += r.processedFiles();
      rows.add(new ReportModel.RunRow(r.startTime(), r.shard(), r.durationSeconds(), r.processedFiles(),
          r.failedFiles(), r.skippedFiles(), r.inputBytes(), r.outputBytes(), outcome(r)));
    }
    long in = totals.inputBytes();
    long out = totals.outputBytes();
    List<RecordTotals.Run> runs = totals.runs();
    ReportModel.Headline h = new ReportModel.Headline(totals.convertedFiles(), totals.failedFiles(), -1, in, out,
        in == 0 ? 0 : Math.round(10000.0 * (in - out) / in) / 100.0, Math.round(seconds * 1000) / 1000.0,
        seconds == 0 ? 0 : Math.round(100 * processed / seconds) / 100.0,
        runs.isEmpty() ? null : runs.get(0).startTime(), runs.isEmpty() ? null : runs.get(runs.size() - 1).endTime());
    String scope = String.format(Locale.ROOT, "the whole migration of %s: %d run%s", where, runs.size(),
        runs.size() == 1 ? "" : "s");
    return new ReportModel(scope, h, settings, rows, tally, List.of(), List.of(), List.of(), audit, auditPlan);
  }

  /** What the record can tell of a file's kind: its extension (the record does not keep lossy or lossless). */
  public static String kindOf(String relative) {
    String name = relative.toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return "PNG";
    }
    return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".jpe") ? "JPEG" : "other";
  }

  private static String outcome(RecordTotals.Run r) {
    if (!r.finished()) {
      return "did not finish (killed)";
    }
    if (r.interrupted()) {
      return "interrupted";
    }
    return r.failedFiles() > 0 ? "finished with failures" : "finished";
  }
}
