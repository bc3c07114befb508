package dev.optimizr.io.s3;

/** Object storage refused access, or no credentials were found: nothing can be done until that is fixed. */
public final class S3AccessException extends Exception {
  private static final long serialVersionUID = 1L;

  S3AccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
