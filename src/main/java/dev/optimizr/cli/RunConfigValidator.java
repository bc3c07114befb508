package dev.optimizr.cli;

import dev.optimizr.cli.run.RunSession;
import dev.optimizr.codec.ConvertOptions;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.pipeline.RunConfig;
import dev.optimizr.state.RecordPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns the flags of an {@link Optimizr} command into its {@link RunConfig}: range checks first, then the file
 * system. A flag that does not fit is a {@link UsageException}; an output that cannot be created or written is a
 * {@link OutputAccess.CannotWriteException}. A dry run creates nothing.
 */
final class RunConfigValidator {
  private final Optimizr flags;

  private RunConfigValidator(Optimizr flags) {
    this.flags = flags;
  }

  /**
   * Input must be a directory, output must not be a file. For an s3:// output, {@code workDir} stands in for the
   * output directory.
   */
  static RunConfig validate(Optimizr flags, S3Places places, Path workDir)
      throws UsageException, OutputAccess.CannotWriteException {
    return new RunConfigValidator(flags).validate(places, workDir);
  }

  private RunConfig validate(S3Places places, Path workDir) throws UsageException, OutputAccess.CannotWriteException {
    Path input;
    Path output;
    try {
      input = places.input() != null ? null : Path.of(flags.input);
      output = places.output() != null ? workDir : Path.of(flags.output);
    } catch (InvalidPathException e) {
      throw new UsageException("not a usable path: " + e.getMessage());
    }
    if (flags.force && flags.retryFailed) {
      throw new UsageException("-force and -retry-failed cannot be combined");
    }
    if (flags.alongside && flags.spec.commandLine().getParseResult().hasMatchedOption("-output")) {
      throw new UsageException("-alongside writes beside the sources in -input and takes no -output");
    }
    RunConfig config = config(input, output, places);
    if (flags.retryFailed) {
      checkFailuresOnRecord(config);
    }
    if (input != null && !Files.exists(input)) {
      throw new UsageException("input directory does not exist: " + input);
    }
    if (input != null && !Files.isDirectory(input)) {
      throw new UsageException("-input is not a directory: " + input);
    }
    if (flags.alongside) {
      return prepareAlongside(config);
    }
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new UsageException("-output exists and is not a directory: " + output);
    }
    if (input != null && sameDirectory(input, output)) {
      throw new UsageException("-input and -output are the same directory (" + input
          + "): the output must be a separate tree, or -alongside writes beside the sources");
    }
    if (flags.dryRun) {
      return config; // writes nothing, not even the output directory
    }
    OutputAccess.prepare(output);
    return config;
  }

  /** The configuration the flags describe; the records' own range checks are usage errors. */
  private RunConfig config(Path input, Path output, S3Places places) throws UsageException {
    ConvertOptions options = flags.encoding.toOptions(flags.quality,
        flags.spec.commandLine().getParseResult().hasMatchedOption("-quality"));
    try {
      return new RunConfig(input, flags.alongside ? input : output, flags.workers, options,
          new DecodeLimits(flags.maxPixels, flags.lenient), flags.keepExtension, flags.force, flags.retryFailed,
          flags.shard, flags.alongside, places);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** -retry-failed needs a record of earlier runs (or an earlier release's failure list, imported with it). */
  private static void checkFailuresOnRecord(RunConfig config) throws UsageException {
    RecordPaths paths = RunSession.recordPaths(config);
    if (!Files.exists(paths.database()) && !Files.exists(paths.legacyFailures())) {
      throw new UsageException("-retry-failed: no record of earlier runs at " + paths.database());
    }
  }

  /** True when both name one existing directory, however spelled (relative, {@code ..}, symbolic links). */
  private static boolean sameDirectory(Path input, Path output) {
    try {
      return Files.isDirectory(output) && Files.isSameFile(input, output);
    } catch (IOException e) {
      return false; // an unreadable output is reported when it is first written
    }
  }

  /** The source tree must take the outputs, and IN/.optimizr the run's own files; a dry run creates neither. */
  private RunConfig prepareAlongside(RunConfig config) throws UsageException, OutputAccess.CannotWriteException {
    if (Files.exists(config.filesDir()) && !Files.isDirectory(config.filesDir())) {
      throw new UsageException("-alongside keeps its record in " + config.filesDir() + ", which is a file");
    }
    if (!flags.dryRun) {
      OutputAccess.prepare(config.input());
      OutputAccess.prepare(config.filesDir());
    }
    return config;
  }
}
