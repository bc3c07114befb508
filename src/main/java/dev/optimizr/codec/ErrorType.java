package dev.optimizr.codec;

/** Why a file could not be converted; the names appear verbatim in failures.jsonl and on the console. */
public enum ErrorType {
  /** The content is not JPEG or PNG (GIF, WebP, text, empty file…), whatever its extension says. */
  UNSUPPORTED_FORMAT,
  /** The file claims to be JPEG/PNG but is damaged: bad header, CRC error, truncated data. */
  CORRUPT_INPUT,
  /** Larger than WebP allows (16383 px a side) or than the {@code -max-pixels} limit. */
  TOO_LARGE,
  /** Reading the source or writing the output failed at the file-system level. */
  IO_ERROR,
  /**
   * The name cannot be mirrored as an output name: an object key with an empty, '.' or '..' segment, or a file
   * name the locale's charset cannot represent.
   */
  INVALID_NAME,
  /** Another input in the same directory already maps to the same output name. */
  OUTPUT_COLLISION,
  /** The output path passes through a symbolic link inside the output tree; nothing is written through it. */
  OUTPUT_SYMLINK,
  /** libwebp refused or failed to encode the decoded pixels. */
  ENCODE_ERROR,
  /** The JVM ran out of heap while converting this image. */
  OUT_OF_MEMORY,
  /** An unexpected exception inside optimizr itself: a bug; {@code -verbose} prints the stack trace. */
  INTERNAL_ERROR
}
