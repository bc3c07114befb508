package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.Path;

/** Where converted bytes go; {@link AtomicFileWriter} in production, a failing one in fault-injection tests. */
@FunctionalInterface
public interface FileSink {
  /** Writes {@code content} as {@code target}; on failure no partial file is left under the target's name. */
  void write(Path target, byte[] content) throws IOException;
}
