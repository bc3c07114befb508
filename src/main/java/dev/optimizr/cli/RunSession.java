package dev.optimizr.cli;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.GcMonitor;
import dev.optimizr.analytics.MemorySampler;
import dev.optimizr.analytics.ProcessStats;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.Stage;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.IoReasons;
import dev.optimizr.logging.LineLogWriter;
import dev.optimizr.logging.LogFormat;
import dev.optimizr.logging.LogSetup;
import dev.optimizr.metrics.Health;
import dev.optimizr.metrics.LiveSources;
import dev.optimizr.metrics.Observability;
import dev.optimizr.metrics.RunMetrics;
import dev.optimizr.pipeline.BatchRunner;
import dev.optimizr.pipeline.JobResult;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.RunControl;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.pipeline.StopReason;
import dev.optimizr.pipeline.TreeCounter;
import dev.optimizr.pipeline.Trees;
import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.FileTally;
import dev.optimizr.analytics.ThroughputSeries;
import dev.optimizr.pipeline.QualityAudit;
import dev.optimizr.report.BoxReport;
import dev.optimizr.report.html.HtmlReport;
import dev.optimizr.report.html.ReportModel;
import dev.optimizr.report.html.RunReport;
import java.awt.AWTError;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.LiveScreen;
import dev.optimizr.report.ProgressReporter;
import dev.optimizr.report.RunInfo;
import dev.optimizr.report.RunSummary;
import dev.optimizr.report.SummaryBuilder;
import dev.optimizr.report.SummaryWriter;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordMirror;
import dev.optimizr.state.RecordPaths;
import dev.optimizr.state.RunEnd;
import dev.optimizr.state.RunLock;
import dev.optimizr.state.RunStart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.event.Level;

/**
 * One run from the user's side: sets up logging, takes the output's lock, opens the migration record, starts GC
 * monitoring,
 * observability (memory sampling, metrics endpoint, heap dumps, flight recording) and progress, runs the batch,
 * then writes failures.jsonl, summary.json and the run's entry in the record, prints the report, and stops its
 * helpers in order (pushing the final metrics), always.
 */
final class RunSession {
  /**
   * Where the run's trees are and how the record of an s3:// output is kept.
   *
   * @param checkpoint how often the record is uploaded during the run
   * @param endpoint the object store, for messages; null when the run is local
   */
  record Storage(Trees.Factory trees, RecordMirror mirror, Duration checkpoint, String endpoint) {}

  /**
   * How the session reports; decided by the command from flags and the terminal.
   *
   * @param screen the terminal the progress bar is drawn on, or null when output is not a terminal
   */
  record Display(boolean verbose, boolean quiet, LiveScreen screen, Duration progressInterval,
      Duration sampleInterval, LogFormat logFormat, QualityAudit.Plan audit) {}

  private final RunConfig config;
  private final Display display;
  private final Observability.Options observability;
  private final PrintWriter out;
  private final PrintWriter err;
  private final RunControl control = new RunControl();
  private final AtomicFileWriter writer;
  private final Storage storage;

  RunSession(RunConfig config, Display display, Observability.Options observability, PrintWriter out,
      PrintWriter err) {
    this(config, display, observability, out, err,
        new Storage(Trees.factory(config, null), RecordMirror.NONE, Duration.ofSeconds(30), null));
  }

  RunSession(RunConfig config, Display display, Observability.Options observability, PrintWriter out,
      PrintWriter err, Storage storage) {
    this.storage = storage;
    this.config = config;
    this.writer = new AtomicFileWriter(config.output());
    this.display = display;
    this.observability = observability;
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
  RunSummary run(Consumer<Runnable> onStart)
      throws IOException, InterruptedException, RunLock.HeldException, RecordException {
    boolean json = display.logFormat() == LogFormat.JSON;
    // JSON: stdout carries only JSON events, so lines printed by the report code become events too.
    PrintWriter out = json ? new PrintWriter(new LineLogWriter("optimizr.console", Level.INFO), true) : this.out;
    PrintWriter err = json ? new PrintWriter(new LineLogWriter("optimizr.console", Level.WARN), true) : this.err;
    Observability obs = new Observability(observability, new Health(control::stopRequested),
        LogSetup.start(display.logFormat(), display.verbose(), json ? this.out : this.err));
    Path filesDir = config.filesDir();
    Shard shard = config.shard();
    try (RunLock lock = RunLock.acquire(filesDir, shard.sharded() ? shard.fileName(RunLock.FILE_NAME) : null,
            shard.sharded() ? "shard " + shardLabel(shard) : null);
        MigrationRecord record = MigrationRecord.open(recordPaths(config), config.encodingKey());
        GcMonitor gc = new GcMonitor();
        FailureLog failures = new FailureLog(writer, filesDir.resolve(shard.fileName(FailureLog.FILE_NAME)))) {
      record.notices().forEach(n -> err.println("optimizr: " + n));
      return run(onStart, new Parts(obs, record, gc, failures, out, err), json);
    } finally {
      obs.close();
    }
  }

  /** What the outer run opened for the inner one, and the console writers (log-backed under JSON). */
  private record Parts(Observability obs, MigrationRecord record, GcMonitor gc, FailureLog failures,
      PrintWriter out, PrintWriter err) {}

  /**
   * Where this run's record lives: {@code OUT/.optimizr/record.db} ({@code IN/.optimizr/record.db} alongside), or
   * this shard's file there.
   */
  static RecordPaths recordPaths(RunConfig config) {
    Shard shard = config.shard();
    String failures = shard.fileName(FailureLog.FILE_NAME);
    return config.alongside() ? RecordPaths.alongside(config.input(), shard::fileName, failures)
        : RecordPaths.of(config.output(), shard::fileName, failures);
  }

  /** "I/N", or "all" for an unsharded run: how the record's list of runs names the shard. */
  static String shardLabel(Shard shard) {
    return shard.sharded() ? shard.index() + "/" + shard.count() : "all";
  }

  private RunSummary run(Consumer<Runnable> onStart, Parts parts, boolean json)
      throws IOException, InterruptedException, RecordException {
    PrintWriter out = parts.out();
    PrintWriter err = parts.err();
    Observability obs = parts.obs();
    GcMonitor gc = parts.gc();
    FailureLog failures = parts.failures();
    ConcurrentCollector collector = new ConcurrentCollector(
        Arrays.stream(Stage.values()).map(Enum::name).toList());
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant();
    long cpuAtStart = ProcessStats.processCpuNanos(); // the run's CPU, not the JVM's start-up and JIT before it
    Path outputRoot = config.output();
    MigrationRecord record = parts.record();
    record.startRun(new RunStart(start, shardLabel(config.shard()), VersionInfo.version(),
        config.inputName(), SettingsView.of(config.options()), config.encodingKey(),
        config.keepExtension()));
    MemorySampler sampler = new MemorySampler(display.sampleInterval(), gc, clock);
    ConsoleReporter reporter = new ConsoleReporter(out, err, failures, display.verbose(), json);
    RunMetrics metrics = new RunMetrics();
    Tallies tallies = new Tallies(new FileTally(), new ThroughputSeries(System.nanoTime()), new AuditCollector());
    // Progress, the files-pending metrics and an interrupted run's "N not started" need the total: counted by a
    // second walk once the converting walk starts waiting for the workers, else by that walk itself.
    TreeCounter counter = TreeCounter.deferred(config, record, storage.trees());
    BatchRunner runner = new BatchRunner(config, control, collector, writer, record,
        results(reporter, metrics, tallies), reporter::onUnreadable, storage.trees());
    runner.onQueueFull(counter::begin);
    counter.follow(runner::walked, runner::walkedToTheEnd);
    if (display.audit() != null) {
      runner.audit(new QualityAudit(display.audit(), counter::count, tallies.audit()));
      metrics.registerAudit(tallies.audit()::snapshot);
    }
    obs.start(metrics, new LiveSources(collector::snapshot, runner::queueDepth, config.queueCapacity(),
        config.workers(), obs::heapDumpsCaptured, start, counter::count,
        Arrays.stream(ErrorType.values()).map(Enum::name).toList()), sampler, gc);
    onStart.accept(() -> {
      writer.deleteInFlight(); // outputs and failures.jsonl alike
      if (display.screen() != null) {
        display.screen().end(); // the shell's prompt comes next, on a clean line
      }
    });
    ProgressReporter progress = progress(collector, counter, out);
    RecordMirror.Snapshot recordCopy = (file, to) -> record.copyTo(to);
    ScheduledExecutorService checkpoints = checkpoints(recordCopy);
    try {
      runner.run();
    } finally {
      if (checkpoints != null) {
        checkpoints.shutdownNow();
      }
      if (progress != null) {
        progress.close();
      }
      counter.close();
      obs.draining();
      obs.stopSampling();
    }
    if (runner.staleTempsRemoved() > 0) {
      err.println("optimizr: removed " + runner.staleTempsRemoved() + " temp file(s) left by an interrupted run");
    }
    if (control.reason() == StopReason.DISK_FULL) {
      err.println("optimizr: the output file system is full (" + outputRoot.toAbsolutePath()
          + "): stopped taking new files; completed outputs are intact, re-run after freeing space");
    }
    if (control.reason() == StopReason.STORAGE_UNAVAILABLE) {
      err.println("optimizr: object storage stopped answering (" + storage.endpoint() + "): stopped taking new "
          + "files; completed outputs are recorded, re-run to finish the rest");
    }
    if (control.listenerFailure() != null) {
      err.println("optimizr: warning: could not record every result: " + control.listenerFailure());
    }
    Shard shard = config.shard();
    boolean failuresWritten = bestEffort(err, "write " + shard.fileName(FailureLog.FILE_NAME), failures::commit);
    CollectorSnapshot snapshot = collector.snapshot();
    RunInfo info = new RunInfo(VersionInfo.version(), config.inputName(), config.outputName(), config.workers(), config.quality(), start, clock.instant(),
        control.stopRequested(), SettingsView.of(config.options()));
    RunSummary summary = SummaryBuilder.build(info, snapshot, sampler.snapshots(),
        new SummaryBuilder.GcTotals(GcMonitor.collectionCount(), gc.pauses(), gc.pauseMillis(),
            gc.maxPauseMillis(), obs.heapDumpsCaptured()),
        new SummaryBuilder.ProcessTotals(ProcessStats.peakResidentBytes(),
            cpuAtStart < 0 ? -1 : ProcessStats.processCpuNanos() - cpuAtStart,
            Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()),
        collector.chosenQualities(), tallies.audit().snapshot());
    Path written = config.filesDir().resolve(shard.fileName(SummaryWriter.FILE_NAME));
    boolean summaryWritten = bestEffort(err, "write " + written.getFileName(),
        () -> SummaryWriter.write(written, summary));
    RunSummary.Files files = summary.files();
    String problem = record.finishRun(new RunEnd(Instant.parse(summary.run().endTime()),
        summary.run().durationSeconds(), files.totalFiles(), files.processedFiles(), files.failedFiles(),
        files.skippedFiles(), summary.sizes().totalInputBytes(), summary.sizes().totalOutputBytes(),
        summary.run().interrupted(), ExitCode.of(control.reason(), files.failedFiles()).code()));
    if (problem != null) {
      err.println("optimizr: warning: " + recordPaths(config).database() + ": " + problem
          + "; the files concerned are converted again by the next run");
    }
    RecordMirror mirror = storage.mirror();
    bestEffort(err, "upload the record", () -> mirror.checkpoint(recordCopy));
    Path failureList = config.filesDir().resolve(shard.fileName(FailureLog.FILE_NAME));
    if (mirror.remote()) {
      summaryWritten &= bestEffort(err, "upload " + written.getFileName(),
          () -> mirror.publish(written, "application/json"));
      failuresWritten &= bestEffort(err, "upload " + failureList.getFileName(),
          () -> mirror.publish(failureList, "application/x-ndjson"));
    }
    Path report = files.processedFiles() > 0 ? writeReport(err, summary, tallies) : null;
    if (report != null && mirror.remote()) {
      Path local = report;
      report = bestEffort(err, "upload " + report.getFileName(), () -> mirror.publish(local, "text/html")) ? report
          : null;
    }
    if (display.verbose()) {
      BoxReport.render(summary, out);
    }
    reporter.printTotals(summary, counter.count(), summaryWritten ? mirror.describe(written) : null,
        failuresWritten ? mirror.describe(failureList) : null, report == null ? null : mirror.describe(report));
    return summary;
  }

  /** Uploads the record of an s3:// output every checkpoint period while the run goes on; null for a local one. */
  private ScheduledExecutorService checkpoints(RecordMirror.Snapshot snapshot) {
    if (!storage.mirror().remote()) {
      return null;
    }
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "optimizr-record-upload");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, storage.checkpoint().toMillis());
    s.scheduleWithFixedDelay(() -> {
      try {
        storage.mirror().checkpoint(snapshot);
      } catch (IOException | RuntimeException e) {
        // the next checkpoint or the end of the run tries again
      }
    }, every, every, TimeUnit.MILLISECONDS);
    return s;
  }

  /** What report.html aggregates while the run goes: per-file outcomes, throughput, the quality audit. */
  private record Tallies(FileTally files, ThroughputSeries throughput, AuditCollector audit) {}

  /**
   * Every result goes to the console (and failures.jsonl) and to the report's tallies, and converted ones to the
   * processing histogram.
   */
  private static Consumer<JobResult> results(ConsoleReporter reporter, RunMetrics metrics, Tallies tallies) {
    return r -> {
      if (r.ok()) {
        metrics.observeProcessing(r.nanos());
        tallies.files().converted(r.job().relative(), r.detail().kind(), r.job().sizeBytes(), r.outputBytes(),
            r.detail().written());
        tallies.throughput().finished(System.nanoTime());
      } else {
        tallies.files().failed(r.job().relative(), r.errorType().name(), r.message());
      }
      reporter.onResult(r);
    };
  }

  /** The audit's sample in words, for the report. */
  static String describe(QualityAudit.Plan plan) {
    if (plan == null) {
      return "off (-audit off)";
    }
    if (plan.all()) {
      return "every converted image (-audit all)";
    }
    return String.format(java.util.Locale.ROOT, "%s %% of the converted images, at least %d, seed %d",
        java.math.BigDecimal.valueOf(plan.percent()).stripTrailingZeros().toPlainString(), plan.minimum(), plan.seed());
  }

  /** Writes OUT/report.html (this shard's own name when sharded); a failure is a warning, never the run's. */
  private Path writeReport(PrintWriter err, RunSummary summary, Tallies tallies) {
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
  private static boolean bestEffort(PrintWriter err, String what, IoStep step) {
    try {
      step.run();
      return true;
    } catch (IOException e) {
      err.println("optimizr: could not " + what + ": " + IoReasons.reason(e));
      return false;
    }
  }

  private ProgressReporter progress(ConcurrentCollector collector, TreeCounter counter, PrintWriter out) {
    if (display.quiet()) {
      return null;
    }
    if (display.screen() != null) {
      return ProgressReporter.bar(collector::snapshot, counter::count, display.screen());
    }
    return ProgressReporter.lines(collector::snapshot, counter::count, out, display.progressInterval());
  }
}
