package dev.optimizr.codec;

/**
 * Grants heap to a conversion before it decodes, so that several large images are not decoded at once, and
 * refuses one that could never fit. Implementations must be thread-safe; {@link #NONE} grants everything at
 * once.
 */
@FunctionalInterface
public interface Admission {
  /** Admits everything immediately. */
  Admission NONE = bytes -> () -> { };

  /** A grant; closing it returns the bytes. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Blocks until {@code bytes} of heap may be used, then returns the permit for them.
   *
   * @throws ConversionException {@link ErrorType#TOO_LARGE} when {@code bytes} can never be granted in this
   *     JVM, with the heap it would take
   */
  Permit admit(long bytes) throws InterruptedException, ConversionException;
}
