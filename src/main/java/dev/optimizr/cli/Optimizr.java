package dev.optimizr.cli;

import dev.optimizr.cli.flags.AuditFlags;
import dev.optimizr.cli.flags.DurationConverter;
import dev.optimizr.cli.flags.EncodingFlags;
import dev.optimizr.cli.flags.ObservabilityFlags;
import dev.optimizr.cli.flags.S3Flags;
import dev.optimizr.cli.flags.ShardConverter;
import dev.optimizr.cli.flags.WorkersConverter;
import dev.optimizr.cli.run.RunSession;
import dev.optimizr.cli.run.RunStorage;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Storage;
import dev.optimizr.metrics.Observability;
import dev.optimizr.pipeline.QualityAudit;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.pipeline.Shard;
import dev.optimizr.report.LiveScreen;
import dev.optimizr.report.RunSummary;
import dev.optimizr.state.RecordException;
import dev.optimizr.state.RecordMirror;
import dev.optimizr.state.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The optimizr command: parses flags, validates them ({@link RunConfigValidator}), runs the batch and reports;
 * what it throws becomes an exit code in {@link ExceptionExits}. Takes its writers so tests can run it in memory;
 * returns the exit status instead of exiting.
 */
@Command(name = "optimizr", sortOptions = false, usageHelpAutoWidth = true,
    description = "Converts a tree of JPEG/PNG images into a mirrored tree of WebP files.",
    exitCodeListHeading = "%nExit codes:%n", versionProvider = VersionInfo.class,
    modelTransformer = ExitCode.HelpSection.class, subcommands = {StatusCommand.class, ReportCommand.class},
    commandListHeading = "%nCommands (optimizr COMMAND --help for their flags):%n")
public final class Optimizr implements Callable<Integer> {
  @Option(names = {"-input", "--input"}, paramLabel = "DIR|URL", defaultValue = "./images",
      description = "Root of the tree to convert, a directory or an S3 URL: s3://BUCKET/PREFIX/ "
          + "(default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = {"-output", "--output"}, paramLabel = "DIR|URL", defaultValue = "./output",
      description = "Root of the mirrored WebP tree, a directory or an S3 URL; created if missing "
          + "(default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = {"-alongside", "--alongside"},
      description = "Instead of -output: write IN/a/c.jpg.webp beside each IN/a/c.jpg, for web servers that pick "
          + "WebP by the Accept header; the record, lock and reports go to IN/.optimizr.")
  boolean alongside;

  @Option(names = {"-workers", "--workers"}, paramLabel = "N|auto", defaultValue = "3",
      converter = WorkersConverter.class,
      description = "Conversion threads, 1-256, or auto: one per CPU the process may use plus one (one on a "
          + "single CPU), as the heap allows; the queue holds N x 2 files (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = {"-quality", "--quality"}, paramLabel = "Q", defaultValue = "80",
      description = "WebP quality 0-100, as cwebp -q (default: ${DEFAULT-VALUE}).")
  int quality;

  @picocli.CommandLine.Mixin
  EncodingFlags encoding = new EncodingFlags();

  @Option(names = {"-max-pixels", "--max-pixels"}, paramLabel = "N",
      defaultValue = "" + DecodeLimits.DEFAULT_MAX_PIXELS,
      description = "Refuse images with more pixels than this, before decoding (default: ${DEFAULT-VALUE}, "
          + "16383 x 16383, WebP's limit; what fits the heap is decided by memory admission).")
  long maxPixels;

  @Option(names = {"-lenient", "--lenient"},
      description = "Convert damaged files (truncated, CRC errors) with a warning instead of failing them.")
  boolean lenient;

  @Option(names = {"-keep-extension", "--keep-extension"},
      description = "Name outputs c.jpg.webp instead of c.webp, so c.jpg and c.png in one folder never collide.")
  boolean keepExtension;

  @Option(names = {"-force", "--force"},
      description = "Convert every file, even those whose output is up to date (same source and settings).")
  boolean force;

  @Option(names = {"-retry-failed", "--retry-failed"},
      description = "Only retry the files whose failure is on record (OUT/.optimizr), not yet converted since.")
  boolean retryFailed;

  @Option(names = {"-dry-run", "--dry-run"},
      description = "Print what would be converted, skipped and rejected; write nothing.")
  boolean dryRun;

  @Option(names = {"-shard", "--shard"}, paramLabel = "I/N", converter = ShardConverter.class,
      description = "Convert only shard I of N (0 <= I < N) of the tree, for N processes or pods sharing the "
          + "input and output; per-shard summary-I-of-N.json, failures-I-of-N.jsonl, lock and record.")
  Shard shard = Shard.ALL;

  @Option(names = {"-verbose", "--verbose"},
      description = "Per-image lines, stack traces for failures, and the full box report at the end.")
  boolean verbose;

  @Option(names = {"-quiet", "--quiet"}, description = "No progress bar or progress lines.")
  boolean quiet;

  @Option(names = {"-sample-interval", "--sample-interval"}, paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Memory/GC sampling period for summary.json, e.g. 5s or 1m (default: ${DEFAULT-VALUE}).")
  Duration sampleInterval;

  @Mixin
  S3Flags s3 = new S3Flags();

  @Mixin
  AuditFlags audit = new AuditFlags();

  @Mixin
  ObservabilityFlags observability = new ObservabilityFlags();

  // Progress lines when stdout is not a terminal; hidden: tests shorten it, users have no need to.
  @Option(names = "--progress-interval", hidden = true, defaultValue = "30s", converter = DurationConverter.class)
  Duration progressInterval;

  @Option(names = {"-version", "--version"}, versionHelp = true,
      description = "Print the optimizr, libwebp, Java and OS versions and exit.")
  boolean versionRequested;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean helpRequested;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final PrintWriter out;
  private final PrintWriter err;
  /** The quality audit's plan, from the flags; null under -audit off. */
  private QualityAudit.Plan auditPlan;
  private final boolean interactive;

  /**
   * @param interactive true only in a real process: signal handlers are process-wide, and the progress bar
   *     is drawn on the real terminal
   */
  public Optimizr(PrintWriter out, PrintWriter err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /** Parses {@code args}, runs, and returns the exit status. */
  public int run(String... args) {
    ExceptionExits exits = new ExceptionExits(err, () -> verbose);
    CommandLine cl = new CommandLine(this)
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(exits)
        .setExecutionExceptionHandler(exits);
    return cl.execute(args);
  }

  @Override
  public Integer call() throws UsageException, OutputAccess.CannotWriteException, IOException,
      InterruptedException {
    Observability.Options obs = observability.validate(shard); // before validate() creates the output directory
    auditPlan = audit.toPlan();
    S3Places places = s3.places(input, output, System.getenv());
    if (places.input() != null && places.input().equals(places.output())) {
      throw new UsageException("-input and -output are the same: " + input);
    }
    try (S3Storage storage = places.any() ? S3Storage.connect(places.settings()) : null) {
      Path workDir = places.output() != null ? s3.workDir(places.output()) : null;
      RecordMirror mirror = RunStorage.mirror(storage, places.output(), workDir, shard);
      ExitCode refused = ObjectStorageCheck.run(storage, places, mirror, err, verbose);
      if (refused != null) {
        return refused.code();
      }
      RunConfig config = RunConfigValidator.validate(this, places, workDir);
      return run(config, obs, RunStorage.of(config, storage, mirror, s3.checkpoint()));
    }
  }

  /** The dry run or the run of {@code config}, once its storage is reachable. */
  private int run(RunConfig config, Observability.Options obs, RunStorage storage)
      throws OutputAccess.CannotWriteException, IOException, InterruptedException {
    if (dryRun) {
      try {
        return new DryRun(config, out, storage.trees()).run() > 0 ? ExitCode.FAILURES.code() : ExitCode.OK.code();
      } catch (RecordException e) {
        err.println("optimizr: " + e.getMessage());
        return ExitCode.ABORTED.code();
      }
    }
    EncoderCheck.run();
    // At a terminal, every line printed during the run goes above the progress bar, the signals' ones too.
    LiveScreen screen = interactive && System.console() != null
        ? new LiveScreen(System.err, TerminalSize.watch()) : null;
    PrintWriter out = screen != null ? screen.above(this.out) : this.out;
    PrintWriter err = screen != null ? screen.above(this.err) : this.err;
    RunSession session = new RunSession(config, new RunSession.Display(verbose, quiet, screen, progressInterval,
        sampleInterval, observability.logFormat(), auditPlan), obs, out, err, storage);
    RunSummary summary;
    try {
      summary = session.run(cleanup -> {
        if (interactive) {
          SignalHandlers.install(session.control(), cleanup, err);
        }
      });
    } catch (RunLock.HeldException e) {
      err.println("optimizr: " + e.getMessage());
      return ExitCode.LOCKED.code();
    } catch (RecordException e) {
      err.println("optimizr: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCode.ABORTED.code();
    } catch (FileSystemException e) {
      Exception classified = OutputAccess.classify(e, config.output());
      if (classified instanceof OutputAccess.CannotWriteException cannot) {
        throw cannot;
      }
      throw e;
    }
    return ExitCode.of(session.control().reason(), summary.files().failedFiles()).code();
  }
}
