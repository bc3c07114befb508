package dev.optimizr.pipeline;

import dev.optimizr.codec.ConvertOptions;
import dev.optimizr.codec.DecodeLimits;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.state.RecordPaths;
import java.nio.file.Path;

/**
 * Everything one run needs, validated on construction. Immutable.
 *
 * @param input root of the tree to convert
 * @param output root of the mirrored WebP tree; the input itself when {@code alongside}
 * @param workers conversion threads (1–256); the queue holds {@code workers × 2} jobs
 * @param options what decides each output's bytes (quality, method, resizing, metadata, …)
 * @param limits decoder limits (pixel cap, leniency)
 * @param keepExtension name outputs {@code c.jpg.webp} rather than {@code c.webp}, so c.jpg and c.png never collide
 * @param force convert even files whose output is up to date
 * @param retryFailed consider only the files whose failure is on record ({@code -retry-failed})
 * @param shard the part of the tree this process converts
 * @param alongside write {@code IN/a/c.jpg.webp} beside each source ({@code -alongside}): the output is the input,
 *     outputs always keep the source's extension, and the run's own files go to {@code IN/.optimizr/}
 * @param s3 the sides in object storage: for an s3:// input, {@code input} is null; for an s3:// output,
 *     {@code output} is the local working directory that holds the lock, the record and the reports' first copies
 */
public record RunConfig(Path input, Path output, int workers, ConvertOptions options, DecodeLimits limits,
    boolean keepExtension, boolean force, boolean retryFailed, Shard shard, boolean alongside, S3Places s3) {
  public static final int MAX_WORKERS = 256;

  public RunConfig {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException("-workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
    }
    shard = shard == null ? Shard.ALL : shard;
    s3 = s3 == null ? S3Places.NONE : s3;
    if (input == null && s3.input() == null) {
      throw new IllegalArgumentException("no input");
    }
    if (alongside && s3.any()) {
      throw new IllegalArgumentException("-alongside writes beside local sources; it does not take s3:// URLs");
    }
    if (alongside && !output.equals(input)) {
      throw new IllegalArgumentException("-alongside writes beside the sources: the output must be the input");
    }
    // c.jpg and c.png side by side would both become c.webp; c.jpg.webp is also what web servers look for.
    keepExtension = keepExtension || alongside;
  }

  /** A run into a mirrored output tree ({@code -output}). */
  public RunConfig(Path input, Path output, int workers, ConvertOptions options, DecodeLimits limits,
      boolean keepExtension, boolean force, boolean retryFailed, Shard shard) {
    this(input, output, workers, options, limits, keepExtension, force, retryFailed, shard, false);
  }

  /** A run on local directories, into a mirrored tree or alongside the sources. */
  public RunConfig(Path input, Path output, int workers, ConvertOptions options, DecodeLimits limits,
      boolean keepExtension, boolean force, boolean retryFailed, Shard shard, boolean alongside) {
    this(input, output, workers, options, limits, keepExtension, force, retryFailed, shard, alongside,
        S3Places.NONE);
  }

  /** The input as the user named it: an absolute path or an s3:// URL. */
  public String inputName() {
    return s3.input() != null ? s3.input().toString() : input.toAbsolutePath().toString();
  }

  /** The output as the user named it: an absolute path or an s3:// URL. */
  public String outputName() {
    return s3.output() != null ? s3.output().toString() : output.toAbsolutePath().toString();
  }

  /** A run at {@code quality} with every other encoding option at its default. */
  public RunConfig(Path input, Path output, int workers, int quality, DecodeLimits limits, boolean keepExtension,
      boolean force, boolean retryFailed, Shard shard) {
    this(input, output, workers, ConvertOptions.of(new EncodeSettings(quality, EncodeSettings.DEFAULT_METHOD)), limits,
        keepExtension, force, retryFailed, shard);
  }

  /** The RunConfig of a plain run over the whole tree. */
  public RunConfig(Path input, Path output, int workers, int quality, DecodeLimits limits, boolean keepExtension) {
    this(input, output, workers, quality, limits, keepExtension, false, false, Shard.ALL);
  }

  /**
   * Where the run keeps its own files (lock, record, summary.json, failures.jsonl): the output root, or
   * {@code IN/.optimizr} alongside, so a web root gains no files but the WebP ones.
   */
  public Path filesDir() {
    return alongside ? output.resolve(RecordPaths.DIR) : output;
  }

  /** WebP quality 0–100 (the starting point under {@code -target-ssim}). */
  public int quality() {
    return options.encode().quality();
  }

  /**
   * The part of the settings that changes the bytes of an output: a file converted under other settings is
   * not up to date. Every output-affecting option is in {@link ConvertOptions#key()}. (Leniency is included:
   * a damaged file converted leniently should be retried strictly.)
   */
  public String encodingKey() {
    return options.key() + (limits.lenient() ? " lenient" : "");
  }

  /** Capacity of the job queue between the tree walker and the workers. */
  public int queueCapacity() {
    return workers * 2;
  }
}
