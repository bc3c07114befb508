package dev.optimizr.cli.run;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.analytics.ThroughputSeries;
import dev.optimizr.metrics.RunMetrics;
import dev.optimizr.pipeline.JobResult;
import java.util.function.Consumer;

/** What report.html aggregates while the run goes: per-file outcomes, throughput, the quality audit. */
record RunTallies(FileTally files, ThroughputSeries throughput, AuditCollector audit) {
  /** Empty tallies whose throughput series starts now. */
  static RunTallies start() {
    return new RunTallies(new FileTally(), new ThroughputSeries(System.nanoTime()), new AuditCollector());
  }

  /**
   * Every result goes to the console (and failures.jsonl) and to the report's tallies, and converted ones to the
   * processing histogram.
   */
  Consumer<JobResult> results(ConsoleReporter reporter, RunMetrics metrics) {
    return r -> {
      if (r.ok()) {
        metrics.observeProcessing(r.nanos());
        files.converted(r.job().relative(), r.detail().kind(), r.job().sizeBytes(), r.outputBytes(),
            r.detail().written());
        throughput.finished(System.nanoTime());
      } else {
        files.failed(r.job().relative(), r.errorType().name(), r.message());
      }
      reporter.onResult(r);
    };
  }
}
