package dev.optimizr.io.s3;

import dev.optimizr.io.ImageSource;
import java.io.IOException;

/**
 * One source object. Immutable; {@link #read()} is one GET (retried, see {@link S3Storage#attempt}).
 *
 * @param size the size the listing gave
 * @param lastModifiedMillis the time the listing gave: with the size, what tells a changed source from the one on
 *     record (a re-upload gets a new time even with the same content)
 */
public record S3Source(S3Storage storage, String bucket, String key, long size, long lastModifiedMillis)
    implements ImageSource {
  @Override
  public String name() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /**
   * The object's bytes, read straight into one array of the length the response gives (the SDK's own
   * {@code getObjectAsBytes} grows a buffer as it reads and copies it: twice the garbage per source).
   */
  @Override
  public byte[] read() throws IOException {
    return S3Storage.attempt(S3Location.SCHEME + bucket + "/" + key,
        () -> storage.client().getObject(b -> b.bucket(bucket).key(key), (response, in) -> {
          Long length = response.contentLength();
          if (length == null || length > Integer.MAX_VALUE - 8) {
            return in.readAllBytes(); // no length given, or too large for one array: let the JDK say so
          }
          byte[] bytes = new byte[length.intValue()];
          int n = in.readNBytes(bytes, 0, bytes.length);
          if (n < bytes.length) {
            throw new java.io.EOFException(this + ": the store sent " + n + " of " + length + " bytes");
          }
          return bytes;
        }));
  }

  /** Keeps the client out of messages and test output. */
  @Override
  public String toString() {
    return S3Location.SCHEME + bucket + "/" + key;
  }
}
