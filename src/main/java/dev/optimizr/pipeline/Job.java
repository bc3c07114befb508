package dev.optimizr.pipeline;

import dev.optimizr.io.ImageSink;
import dev.optimizr.io.ImageSource;

/**
 * One candidate image found by the walker. Immutable.
 *
 * @param relative path relative to the input root, with '/' separators (used in reports and the record)
 * @param input the source, with the size and time the walk saw
 * @param output where its WebP goes; null for a candidate rejected before it has one
 */
public record Job(String relative, ImageSource input, ImageSink output) {
  /** Size of the source when it was found. */
  public long sizeBytes() {
    return input.size();
  }

  /** Modification time of the source when it was found. */
  public long mtimeMillis() {
    return input.lastModifiedMillis();
  }
}
