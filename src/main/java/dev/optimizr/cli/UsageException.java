package dev.optimizr.cli;

/** A problem with what the user typed; printed as one line on stderr, exit status 2. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
