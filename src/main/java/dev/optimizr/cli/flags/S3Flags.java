package dev.optimizr.cli.flags;

import dev.optimizr.cli.UsageException;
import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3Places;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of a run for s3:// inputs and outputs: how to reach the store, and how to write to it. */
public final class S3Flags {
  // First, so that --help lists the connection flags before the writing ones.
  @Mixin
  S3ConnectionFlags connection = new S3ConnectionFlags();

  @Option(names = {"-s3-cache-control", "--s3-cache-control"}, paramLabel = "VALUE",
      description = "Cache-Control header of the uploaded .webp objects, e.g. 'public, max-age=31536000'.")
  String cacheControl;

  @Option(names = {"-s3-storage-class", "--s3-storage-class"}, paramLabel = "CLASS",
      description = "Storage class of the uploaded .webp objects, e.g. STANDARD_IA (default: the bucket's).")
  String storageClass;

  @Option(names = {"-s3-concurrency", "--s3-concurrency"}, paramLabel = "N", defaultValue = "8",
      description = "Downloads in flight ahead of the workers, and as many uploads behind them "
          + "(default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = {"-s3-buffer-mb", "--s3-buffer-mb"}, paramLabel = "MB", defaultValue = "64",
      description = "Most megabytes of downloaded sources waiting for a worker, and of outputs waiting to upload "
          + "(default: ${DEFAULT-VALUE}).")
  long bufferMb;

  @Option(names = {"-s3-work-dir", "--s3-work-dir"}, paramLabel = "DIR",
      description = "Local working directory of an s3:// output: lock, record and reports before upload "
          + "(default: a directory per output under the temp directory).")
  Path workDir;

  // How often the record of an s3:// output is uploaded during a run; hidden: tests shorten it.
  @Option(names = "--s3-checkpoint", hidden = true, defaultValue = "30s", converter = DurationConverter.class)
  Duration checkpoint;

  /** How often the record of an s3:// output is uploaded during a run. */
  public Duration checkpoint() {
    return checkpoint;
  }

  /** The object-storage sides of {@code input} and {@code output}, or {@link S3Places#NONE}. */
  public S3Places places(String input, String output, Map<String, String> env) throws UsageException {
    return connection.places(input, output, env, cacheControl, storageClass, concurrency, bufferMb << 20);
  }

  /** The working directory of an s3:// output: the flag's, or one per output URL under the temp directory. */
  public Path workDir(S3Location output) {
    if (workDir != null) {
      return workDir;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(output.toString().getBytes(StandardCharsets.UTF_8));
      // The bucket keeps it recognisable; the hash keeps it unique and free of characters a path cannot hold.
      return Path.of(System.getProperty("java.io.tmpdir"), "optimizr-s3",
          output.bucket() + "-" + HexFormat.of().formatHex(h, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
