package dev.optimizr.io.s3;

/**
 * A bucket and a key prefix, parsed from {@code s3://bucket/prefix/}. The prefix is empty or ends in '/'.
 * Immutable.
 */
public record S3Location(String bucket, String prefix) {
  public static final String SCHEME = "s3://";

  public S3Location {
    if (bucket.isEmpty() || bucket.contains("/")) {
      throw new IllegalArgumentException("bad bucket name '" + bucket + "'");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  /** True for a value that names object storage rather than a local path. */
  public static boolean isUrl(String value) {
    return value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /** Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/a/b(/)}. */
  public static S3Location parse(String url) {
    if (!isUrl(url)) {
      throw new IllegalArgumentException("not an s3:// URL: " + url);
    }
    String rest = url.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in " + url + " (expected s3://bucket/prefix/)");
    }
    if (prefix.startsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException("empty path segment in " + url);
    }
    return new S3Location(bucket, prefix);
  }

  /** The key of {@code relative} ('/'-separated) under this prefix. */
  public String key(String relative) {
    return prefix + relative;
  }

  /** True when {@code other} is this location or lies inside it, in the same bucket. */
  public boolean contains(S3Location other) {
    return bucket.equals(other.bucket) && other.prefix.startsWith(prefix);
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + prefix;
  }
}
