package dev.optimizr.pipeline;

import dev.optimizr.io.LocalSource;
import java.nio.file.Path;

/**
 * One candidate image found by the walker. Immutable.
 *
 * @param source absolute path of the input file
 * @param relative path relative to the input root, with '/' separators (used in reports)
 * @param target absolute path of the WebP to write
 * @param sizeBytes size of the source when it was found
 * @param mtimeMillis modification time of the source when it was found
 */
public record Job(Path source, String relative, Path target, long sizeBytes, long mtimeMillis) {
  /** The source as the converter reads it, with the size and time the walk saw. */
  public LocalSource input() {
    return new LocalSource(source, sizeBytes, mtimeMillis);
  }
}
