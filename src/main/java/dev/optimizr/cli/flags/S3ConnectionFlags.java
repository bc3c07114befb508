package dev.optimizr.cli.flags;

import dev.optimizr.cli.UsageException;
import dev.optimizr.io.s3.S3Location;
import dev.optimizr.io.s3.S3Places;
import dev.optimizr.io.s3.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that say how to reach object storage (endpoint, addressing, region), validated in one place: part of
 * a run's {@link S3Flags}, and all that {@code status} and {@code report} take.
 */
public final class S3ConnectionFlags {
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

  /** The object-storage sides of {@code input} and {@code output} (either may be null) for reading only. */
  public S3Places places(String input, String output, Map<String, String> env) throws UsageException {
    return places(input, output, env, null, null, S3Settings.DEFAULT_CONCURRENCY, S3Settings.DEFAULT_BUFFER_BYTES);
  }

  /**
   * The object-storage sides of {@code input} and {@code output} (either may be null), or {@link S3Places#NONE},
   * with the given settings for writing and transfers.
   */
  public S3Places places(String input, String output, Map<String, String> env, String cacheControl, String storageClass,
      int concurrency, long bufferBytes) throws UsageException {
    S3Location in = location("-input", input);
    S3Location out = location("-output", output);
    if (in == null && out == null) {
      return S3Places.NONE;
    }
    try {
      return new S3Places(in, out, new S3Settings(endpoint(env), pathStyle, region, cacheControl, storageClass,
          concurrency, bufferBytes));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static S3Location location(String flag, String value) throws UsageException {
    if (value == null || !S3Location.isUrl(value)) {
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
}
