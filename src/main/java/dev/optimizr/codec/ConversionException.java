package dev.optimizr.codec;

/** A typed, user-facing reason why one image failed; the message is one line without the path. */
public final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;

  public ConversionException(ErrorType type, String message) {
    this(type, message, null);
  }

  public ConversionException(ErrorType type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public ErrorType type() {
    return type;
  }
}
