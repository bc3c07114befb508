package dev.optimizr.io;

import java.io.IOException;

/**
 * Where the bytes of one source image come from: a local file today, an object in a bucket later. Implementations
 * are immutable; {@link #read()} may be called from any thread, once per conversion.
 */
public interface ImageSource {
  /** The name shown in messages, e.g. {@code c.jpg}. */
  String name();

  /** Size in bytes as listed (the walk's stat or the listing's size). */
  long size();

  /** Modification time as listed, in milliseconds since the epoch. */
  long lastModifiedMillis();

  /** The whole content. */
  byte[] read() throws IOException;
}
