package dev.optimizr.cli;

import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags for s3:// inputs and outputs, validated into {@link S3Places} in one place. */
final class S3Flags {
  @Option(names = {"-s3-endpoint", "--s3-endpoint"}, paramLabel = "URL",
      description = "S3-compatible endpoint (MinIO, R2, GCS, Ceph...); default: AWS_ENDPOINT_URL_S3, then "
          + "AWS_ENDPOINT_URL, then AWS S3. Any endpoint implies path-style addressing.")
  String endpoint;

  @Option(names = {"-s3-path-style", "--s3-path-style"},
      description = "Address buckets as ENDPOINT/BUCKET/KEY instead of BUCKET.ENDPOINT/KEY.")
  boolean pathStyle;

  @Option(names = {"-s3-region", "--s3-region"}, paramLabel = "REGION",
      description = "Signing region; default: AWS_REGION or the profile's, else us-east-1.")
  String region;

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

  /** The object-storage sides of {@code input} and {@code output}, or {@link S3Places#NONE}. */
  S3Places places(String input, String output, Map<String, String> env) throws UsageException {
    S3Location in = location("-input", input);
    S3Location out = location("-output", output);
    if (in == null && out == null) {
      return S3Places.NONE;
    }
    try {
      return new S3Places(in, out, new S3Settings(endpoint(env), pathStyle, region, cacheControl, storageClass,
          concurrency, bufferMb << 20));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static S3Location location(String flag, String value) throws UsageException {
    if (!S3Location.isUrl(value)) {
      return null;
    }
    try {
      return S3Location.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  private URI endpoint(Map<String, String> env) throws UsageException {
    String value = endpoint;
    String from = "-s3-endpoint";
    for (String name : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
      if (value == null && env.get(name) != null && !env.get(name).isBlank()) {
        value = env.get(name).strip();
        from = name;
      }
    }
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(value, "expected http(s)://host[:port]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(from + ": not an http(s) URL: " + value);
    }
  }

  /** The working directory of an s3:// output: the flag's, or one per output URL under the temp directory. */
  Path workDir(S3Location output) {
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
