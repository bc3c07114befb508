package dev.optimizr.cli;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.GcMonitor;
import dev.optimizr.analytics.MemorySampler;
import dev.optimizr.analytics.ProcessStats;
import dev.optimizr.codec.AtomicFileWriter;
import dev.optimizr.codec.Stage;
import dev.optimizr.pipeline.BatchRunner;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.RunControl;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.pipeline.StopReason;
import dev.optimizr.pipeline.TreeCounter;
import dev.optimizr.state.ConversionState;
import dev.optimizr.state.RunLock;
import dev.optimizr.report.BoxReport;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.ProgressReporter;
import dev.optimizr.report.RunInfo;
import dev.optimizr.report.RunSummary;
import dev.optimizr.report.SummaryBuilder;
import dev.optimizr.report.SummaryWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One run from the user's side: starts GC monitoring, memory sampling and progress, runs the batch, then
 * writes failures.jsonl and summary.json and prints the report. Stops its helpers in order, always.
 */
final class RunSession {
  /** How the session reports; decided by the command from flags and the terminal. */
  record Display(boolean verbose, boolean quiet, PrintStream terminal, Duration progressInterval,
      Duration sampleInterval) {}

  private final RunConfig config;
  private final Display display;
  private final PrintWriter out;
  private final PrintWriter err;
  private final RunControl control = new RunControl();
  private final AtomicFileWriter writer = new AtomicFileWriter();

  RunSession(RunConfig config, Display display, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.display = display;
    this.out = out;
    this.err = err;
  }

  RunControl control() {
    return control;
  }

  /**
   * Takes the output's lock, runs the batch and returns the final summary; {@code onStart} receives the
   * temp-file cleanup for signals.
   */
  RunSummary run(java.util.function.Consumer<Runnable> onStart)
      throws IOException, InterruptedException, RunLock.HeldException {
    ConcurrentCollector collector = new ConcurrentCollector(
        Arrays.stream(Stage.values()).map(Enum::name).toList());
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant();
    long cpuAtStart = ProcessStats.processCpuNanos(); // the run's CPU, not the JVM's start-up and JIT before it
    Path outputRoot = config.output();
    Shard shard = config.shard();
    try (RunLock lock = RunLock.acquire(outputRoot.resolve(shard.fileName(RunLock.FILE_NAME)));
        ConversionState state = ConversionState.open(outputRoot.resolve(shard.fileName(ConversionState.FILE_NAME)),
            config.encodingKey());
        GcMonitor gc = new GcMonitor();
        FailureLog failures = new FailureLog(outputRoot.resolve(shard.fileName(FailureLog.FILE_NAME)))) {
      MemorySampler sampler = new MemorySampler(display.sampleInterval(), gc, clock);
      sampler.start();
      onStart.accept(() -> {
        writer.deleteInFlight();
        failures.discard();
      });
      ConsoleReporter console = new ConsoleReporter(out, err, failures, display.verbose());
      BatchRunner runner = new BatchRunner(config, control, collector, writer, state, console::onResult,
          console::onUnreadable);
      TreeCounter counter = display.quiet() ? null : TreeCounter.start(config);
      ProgressReporter progress = progress(collector, counter);
      try {
        runner.run();
      } finally {
        if (progress != null) {
          progress.close();
          counter.close();
        }
        sampler.stop();
      }
      if (runner.staleTempsRemoved() > 0) {
        err.println("optimizr: removed " + runner.staleTempsRemoved() + " temp file(s) left by an interrupted run");
      }
      if (control.reason() == StopReason.DISK_FULL) {
        err.println("optimizr: the output file system is full (" + outputRoot.toAbsolutePath()
            + "): stopped taking new files; completed outputs are intact, re-run after freeing space");
      }
      if (control.listenerFailure() != null) {
        err.println("optimizr: warning: could not record every result: " + control.listenerFailure());
      }
      bestEffort("compact the conversion record", state::compact);
      boolean failuresWritten = bestEffort("write " + shard.fileName(FailureLog.FILE_NAME), failures::commit);
      CollectorSnapshot snapshot = collector.snapshot();
      RunInfo info = new RunInfo(VersionInfo.version(), config.input().toAbsolutePath(),
          outputRoot.toAbsolutePath(), config.workers(), config.quality(), start, clock.instant(),
          control.stopRequested());
      RunSummary summary = SummaryBuilder.build(info, snapshot, sampler.snapshots(),
          new SummaryBuilder.GcTotals(GcMonitor.collectionCount(), gc.pauses(), gc.pauseMillis(),
              gc.maxPauseMillis()),
          new SummaryBuilder.ProcessTotals(ProcessStats.peakResidentBytes(), cpuAtStart < 0 ? -1 : ProcessStats.processCpuNanos() - cpuAtStart,
              Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()));
      Path written = outputRoot.resolve(shard.fileName(SummaryWriter.FILE_NAME));
      boolean summaryWritten = bestEffort("write " + written.getFileName(), () -> SummaryWriter.write(written, summary));
      if (display.verbose()) {
        BoxReport.render(summary, out);
      }
      ConsoleReporter.printTotals(out, summary, summaryWritten ? written : null,
          failuresWritten ? outputRoot.resolve(shard.fileName(FailureLog.FILE_NAME)) : null);
      return summary;
    }
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
      err.println("optimizr: could not " + what + ": " + e);
      return false;
    }
  }

  private ProgressReporter progress(ConcurrentCollector collector, TreeCounter counter) {
    if (counter == null) {
      return null;
    }
    if (display.terminal() != null) {
      return ProgressReporter.bar(collector::snapshot, counter::total, display.terminal());
    }
    return ProgressReporter.lines(collector::snapshot, counter::total, out, display.progressInterval());
  }
}
