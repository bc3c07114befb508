package dev.optimizr.cli.run;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.analytics.GcMonitor;
import dev.optimizr.analytics.MemorySampler;
import dev.optimizr.analytics.ProcessStats;
import dev.optimizr.cli.VersionInfo;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.Stage;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.logging.LineLogWriter;
import dev.optimizr.logging.LogFormat;
import dev.optimizr.logging.LogSetup;
import dev.optimizr.metrics.Health;
import dev.optimizr.metrics.LiveSources;
import dev.optimizr.metrics.Observability;
import dev.optimizr.metrics.RunMetrics;
import dev.optimizr.pipeline.BatchRunner;
import dev.optimizr.pipeline.QualityAudit;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.RunControl;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.pipeline.StopReason;
import dev.optimizr.pipeline.TreeCounter;
import dev.optimizr.report.FailureLog;
import dev.optimizr.report.LiveScreen;
import dev.optimizr.report.ProgressReporter;
import dev.optimizr.report.RunInfo;
import dev.optimizr.report.RunSummary;
import dev.optimizr.report.SummaryBuilder;
import dev.optimizr.state.MigrationRecord;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordPaths;
import dev.optimizr.state.RunLock;
import dev.optimizr.state.RunStart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.event.Level;

/**
 * One run from the user's side: sets up logging, takes the output's lock, opens the migration record, starts GC
 * monitoring, observability (memory sampling, metrics endpoint, heap dumps, flight recording), progress and the
 * record's checkpoints, runs the batch, then has {@link EndOfRun} write failures.jsonl, summary.json and the run's
 * entry in the record and print the report, and stops its helpers in order (pushing the final metrics), always.
 */
public final class RunSession {
  /**
   * How the session reports; decided by the command from flags and the terminal.
   *
   * @param screen the terminal the progress bar is drawn on, or null when output is not a terminal
   */
  public record Display(boolean verbose, boolean quiet, LiveScreen screen, Duration progressInterval,
      Duration sampleInterval, LogFormat logFormat, QualityAudit.Plan audit) {}

  private final RunConfig config;
  private final Display display;
  private final Observability.Options observability;
  private final PrintWriter out;
  private final PrintWriter err;
  private final RunControl control = new RunControl();
  private final AtomicFileWriter writer;
  private final RunStorage storage;
  private final Clock clock = Clock.systemUTC();

  public RunSession(RunConfig config, Display display, Observability.Options observability, PrintWriter out,
      PrintWriter err, RunStorage storage) {
    this.storage = storage;
    this.config = config;
    this.writer = new AtomicFileWriter(config.output());
    this.display = display;
    this.observability = observability;
    this.out = out;
    this.err = err;
  }

  public RunControl control() {
    return control;
  }

  /**
   * Takes the output's lock, runs the batch and returns the final summary; {@code onStart} receives the
   * temp-file cleanup for signals.
   */
  public RunSummary run(Consumer<Runnable> onStart)
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
  public static RecordPaths recordPaths(RunConfig config) {
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
    ConcurrentCollector collector = new ConcurrentCollector(
        Arrays.stream(Stage.values()).map(Enum::name).toList());
    Instant start = clock.instant();
    long cpuAtStart = ProcessStats.processCpuNanos(); // the run's CPU, not the JVM's start-up and JIT before it
    MigrationRecord record = parts.record();
    record.startRun(new RunStart(start, shardLabel(config.shard()), VersionInfo.version(),
        config.inputName(), SettingsView.of(config.options()), config.encodingKey(),
        config.keepExtension()));
    MemorySampler sampler = new MemorySampler(display.sampleInterval(), parts.gc(), clock);
    ConsoleReporter reporter = new ConsoleReporter(out, err, parts.failures(), display.verbose(), json);
    RunMetrics metrics = new RunMetrics();
    RunTallies tallies = RunTallies.start();
    // Progress, the files-pending metrics and an interrupted run's "N not started" need the total: counted by a
    // second walk once the converting walk starts waiting for the workers, else by that walk itself.
    TreeCounter counter = TreeCounter.deferred(config, record, storage.trees());
    BatchRunner runner = new BatchRunner(config, control, collector, writer, record,
        tallies.results(reporter, metrics), reporter::onUnreadable, storage.trees());
    runner.onQueueFull(counter::begin);
    counter.follow(runner::walked, runner::walkedToTheEnd);
    if (display.audit() != null) {
      runner.audit(new QualityAudit(display.audit(), counter::count, tallies.audit()));
      metrics.registerAudit(tallies.audit()::snapshot);
    }
    obs.start(metrics, new LiveSources(collector::snapshot, runner::queueDepth, config.queueCapacity(),
        config.workers(), obs::heapDumpsCaptured, start, counter::count,
        Arrays.stream(ErrorType.values()).map(Enum::name).toList()), sampler, parts.gc());
    onStart.accept(() -> {
      writer.deleteInFlight(); // outputs and failures.jsonl alike
      if (display.screen() != null) {
        display.screen().end(); // the shell's prompt comes next, on a clean line
      }
    });
    ProgressReporter progress = progress(collector, counter, out);
    RecordCheckpoints checkpoints = RecordCheckpoints.start(storage, record);
    try (checkpoints) {
      runner.run();
    } finally {
      if (progress != null) {
        progress.close();
      }
      counter.close();
      obs.draining();
      obs.stopSampling();
    }
    sayWhyStopped(runner, err);
    return new EndOfRun(config, display, storage.mirror(), out, err).finish(parts.failures(),
        () -> summarize(collector, sampler, parts, start, cpuAtStart, tallies),
        new EndOfRun.Run(record, checkpoints, control, tallies, reporter, counter::count));
  }

  /** Temp files removed, and why the run stopped taking files when it did so early: lines on stderr. */
  private void sayWhyStopped(BatchRunner runner, PrintWriter err) {
    if (runner.staleTempsRemoved() > 0) {
      err.println("optimizr: removed " + runner.staleTempsRemoved() + " temp file(s) left by an interrupted run");
    }
    if (control.reason() == StopReason.DISK_FULL) {
      err.println("optimizr: the output file system is full (" + config.output().toAbsolutePath()
          + "): stopped taking new files; completed outputs are intact, re-run after freeing space");
    }
    if (control.reason() == StopReason.STORAGE_UNAVAILABLE) {
      err.println("optimizr: object storage stopped answering (" + storage.endpoint() + "): stopped taking new "
          + "files; completed outputs are recorded, re-run to finish the rest");
    }
    if (control.listenerFailure() != null) {
      err.println("optimizr: warning: could not record every result: " + control.listenerFailure());
    }
  }

  /** The run's summary, from the collector's snapshot and what the run measured of GC, memory and CPU. */
  private RunSummary summarize(ConcurrentCollector collector, MemorySampler sampler, Parts parts, Instant start,
      long cpuAtStart, RunTallies tallies) {
    GcMonitor gc = parts.gc();
    CollectorSnapshot snapshot = collector.snapshot();
    RunInfo info = new RunInfo(VersionInfo.version(), config.inputName(), config.outputName(), config.workers(), config.quality(), start, clock.instant(),
        control.stopRequested(), SettingsView.of(config.options()));
    return SummaryBuilder.build(info, snapshot, sampler.snapshots(),
        new SummaryBuilder.GcTotals(GcMonitor.collectionCount(), gc.pauses(), gc.pauseMillis(),
            gc.maxPauseMillis(), parts.obs().heapDumpsCaptured()),
        new SummaryBuilder.ProcessTotals(ProcessStats.peakResidentBytes(),
            cpuAtStart < 0 ? -1 : ProcessStats.processCpuNanos() - cpuAtStart,
            Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()),
        collector.chosenQualities(), tallies.audit().snapshot());
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
