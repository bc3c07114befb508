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

  @Override
  public byte[] read() throws IOException {
    return S3Storage.attempt(S3Location.SCHEME + bucket + "/" + key,
        () -> storage.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArrayUnsafe());
  }

  /** Keeps the client out of messages and test output. */
  @Override
  public String toString() {
    return S3Location.SCHEME + bucket + "/" + key;
  }
}
