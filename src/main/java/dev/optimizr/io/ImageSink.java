package dev.optimizr.io;

import java.io.IOException;

/**
 * Where one converted image goes: a local file or an object in a bucket. {@link #write} is atomic: a reader sees
 * the old content or the complete new one, never part of it.
 */
public interface ImageSink {
  /** The name shown in messages, e.g. {@code c.webp}. */
  String name();

  /** Replaces the output with {@code content}; on failure nothing partial is left under its name. */
  void write(byte[] content) throws IOException;

  /** Removes an existing output (one an earlier run wrote with other settings); no error if there is none. */
  void delete() throws IOException;

  /** The size of the output as it is now, or -1 when there is none (the record's check that it is intact). */
  long existingSize();
}
