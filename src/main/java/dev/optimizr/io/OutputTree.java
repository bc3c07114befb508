package dev.optimizr.io;

/**
 * Where the WebP files of a run go: a local directory or a bucket prefix, addressed by '/'-separated paths
 * relative to its root. Safe for one walker thread; the sinks it makes are used by any worker.
 */
public interface OutputTree {
  /**
   * The output at {@code relative} (e.g. {@code a/b/c.webp}).
   *
   * @throws IllegalArgumentException when {@code relative} cannot name an output here
   */
  ImageSink sink(String relative);

  /**
   * The walker is about to look at the outputs of directory {@code relativeDir} ("" for the root): a remote tree
   * lists it once when first asked, so that {@link ImageSink#existingSize()} needs no request per file.
   */
  default void enter(String relativeDir) {
  }

  /** The root, for messages: an absolute path or an {@code s3://} URL. */
  String describe();
}
