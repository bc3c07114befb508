package dev.optimizr.io.s3;

import java.net.URI;

/**
 * How to reach object storage and how to write to it. Immutable.
 *
 * @param endpoint an S3-compatible endpoint, or null for AWS S3
 * @param pathStyle address buckets as {@code endpoint/bucket/key} (on whenever an endpoint is given)
 * @param region the signing region, or null for the SDK's chain (AWS_REGION, profile, instance), else us-east-1
 * @param cacheControl the Cache-Control header of the outputs, or null
 * @param storageClass the storage class of the outputs (e.g. STANDARD_IA), or null for the bucket's default
 * @param concurrency requests in flight at once for reads, and as many for writes
 * @param bufferBytes bytes of sources fetched ahead of the workers at most
 */
public record S3Settings(URI endpoint, boolean pathStyle, String region, String cacheControl, String storageClass,
    int concurrency, long bufferBytes) {
  public static final int DEFAULT_CONCURRENCY = 8;
  public static final long DEFAULT_BUFFER_BYTES = 64L << 20;

  public S3Settings {
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("-s3-concurrency must be between 1 and 256, got " + concurrency);
    }
    if (bufferBytes < 1 << 20) {
      throw new IllegalArgumentException("-s3-buffer-mb must be at least 1");
    }
    pathStyle = pathStyle || endpoint != null;
  }

  /** Defaults: AWS S3, the SDK's region chain, no extra headers. */
  public static S3Settings defaults() {
    return new S3Settings(null, false, null, null, null, DEFAULT_CONCURRENCY, DEFAULT_BUFFER_BYTES);
  }
}
