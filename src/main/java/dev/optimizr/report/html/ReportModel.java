package dev.optimizr.report.html;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.report.RunSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything report.html shows, already aggregated: its size does not depend on the number of files. Immutable.
 *
 * @param scope what the page covers, e.g. "this run" or "the whole migration (4 runs)"
 * @param headline the numbers at the top
 * @param settings the encoding settings, flag → value
 * @param runs one row per run (one for a run's own report)
 * @param tally per-file outcomes, aggregated
 * @param memory memory samples over the run, empty for the whole migration
 * @param throughput images finished per second over the run: (seconds into the run, images/s); may be empty
 * @param stages time by stage, empty when not known
 * @param audit the quality audit, or {@link AuditCollector.Snapshot#NONE}
 * @param auditPlan how the audit's sample was chosen, e.g. "1 % of converted images (at least 50), seed 1"
 */
public record ReportModel(String scope, Headline headline, Map<String, Object> settings, List<RunRow> runs,
    FileTally.Snapshot tally, List<RunSummary.Snapshot> memory, List<double[]> throughput,
    List<RunSummary.StageSummary> stages, AuditCollector.Snapshot audit, String auditPlan) {

  public ReportModel {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    runs = List.copyOf(runs);
    memory = List.copyOf(memory);
    throughput = List.copyOf(throughput);
    stages = List.copyOf(stages);
  }

  /**
   * The numbers at the top of the page; each is shown in an element with the id of its summary.json name.
   *
   * @param seconds wall time (the sum over runs for a whole migration)
   */
  public record Headline(long processedFiles, long failedFiles, long skippedFiles, long totalInputBytes,
      long totalOutputBytes, double spaceSavingPercent, double seconds, double imagesPerSecond, String started,
      String ended) {
    public long bytesSaved() {
      return totalInputBytes - totalOutputBytes;
    }
  }

  /** One run, as the runs table lists it. */
  public record RunRow(String start, String shard, double seconds, long processed, long failed, long skipped,
      long inputBytes, long outputBytes, String outcome) {}
}
