package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where converted bytes go; {@link AtomicFileWriter} in production, a failing one in fault-injection tests. */
@FunctionalInterface
public interface FileSink {
  /** Writes {@code content} as {@code target}; on failure no partial file is left under the target's name. */
  void write(Path target, byte[] content) throws IOException;

  /** Deletes {@code target} if it exists (an output that should no longer be there). */
  default void delete(Path target) throws IOException {
    Files.deleteIfExists(target);
  }
}
