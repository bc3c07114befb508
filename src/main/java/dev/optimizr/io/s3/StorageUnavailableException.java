package dev.optimizr.io.s3;

import java.io.IOException;

/**
 * The object store could not be reached even after retries (connection refused, reset, timed out): every further
 * request would likely fail too, so the run stops taking new files.
 */
public final class StorageUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when {@code t} or one of its causes is this exception. */
  public static boolean in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StorageUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
