package dev.optimizr.io.s3;

/**
 * Which sides of a run are in object storage, and how to reach it. Immutable.
 *
 * @param input the input prefix, or null for a local input
 * @param output the output prefix, or null for a local output
 */
public record S3Places(S3Location input, S3Location output, S3Settings settings) {
  /** A run on local directories only. */
  public static final S3Places NONE = new S3Places(null, null, null);

  public S3Places {
    if ((input != null || output != null) && settings == null) {
      throw new IllegalArgumentException("object storage without settings");
    }
  }

  /** True when either side is in object storage. */
  public boolean any() {
    return input != null || output != null;
  }
}
