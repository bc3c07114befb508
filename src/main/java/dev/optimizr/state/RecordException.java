package dev.optimizr.state;

/**
 * The migration record cannot be used (written by a newer optimizr, or the file system refuses it). The
 * message is one line that names the file and what to do; it never carries a stack trace to the user.
 */
public final class RecordException extends Exception {
  private static final long serialVersionUID = 1L;

  RecordException(String message) {
    super(message);
  }

  RecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
