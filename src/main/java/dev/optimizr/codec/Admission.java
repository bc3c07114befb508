package dev.optimizr.codec;

/**
 * Grants heap to a conversion before it decodes, so that several large images are not decoded at once.
 * Implementations must be thread-safe; {@link #NONE} grants everything at once.
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

  /** Blocks until {@code bytes} of heap may be used, then returns the permit for them. */
  Permit admit(long bytes) throws InterruptedException;
}
