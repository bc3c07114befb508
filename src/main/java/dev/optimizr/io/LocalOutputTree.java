package dev.optimizr.io;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A directory tree of outputs on a local file system, each written through {@code writer}.
 *
 * @param root the real path of the output root
 */
public record LocalOutputTree(Path root, FileSink writer) implements OutputTree {
  @Override
  public ImageSink sink(String relative) {
    try {
      return new LocalSink(root.resolve(relative), writer);
    } catch (InvalidPathException e) {
      // The JVM decodes file names with the locale's charset; under cron's POSIX locale a non-ASCII name reads
      // back as '?' and cannot be mapped to an output path.
      throw new IllegalArgumentException(
          "file name not representable in this locale's charset (run with LC_ALL=C.UTF-8)", e);
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
