package dev.optimizr.io.s3;

import dev.optimizr.io.ImageSink;
import dev.optimizr.io.OutputTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The outputs under a bucket prefix. A PUT replaces an object whole, so no reader ever sees part of one. The
 * first time the walker asks whether an output on record is still there, the outputs of its directory are listed
 * once (sizes by name), so that check costs no request per file; a directory with nothing on record (a first
 * run) is never listed. {@link #enter} and {@link ImageSink#existingSize()} are for the walker thread; writes and
 * deletes are safe from any thread.
 */
public final class S3OutputTree implements OutputTree {
  /** S3's limit on the length of a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  private final S3Storage storage;
  private final S3Location location;
  private String indexedDir;
  private Map<String, Long> sizes;
  private boolean listed;

  S3OutputTree(S3Storage storage, S3Location location) {
    this.storage = storage;
    this.location = location;
  }

  @Override
  public ImageSink sink(String relative) {
    String key = location.key(relative);
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("the output key would be longer than S3's 1024 bytes");
    }
    return new Sink(relative, key);
  }

  @Override
  public void enter(String relativeDir) {
    indexedDir = relativeDir;
    sizes = null;
    listed = false;
  }

  /** The sizes of the outputs in the directory entered last, listed on first use; null if it cannot be listed. */
  private Map<String, Long> sizes() {
    if (!listed) {
      listed = true;
      sizes = list(indexedDir);
    }
    return sizes;
  }

  private Map<String, Long> list(String relativeDir) {
    String prefix = location.key(relativeDir.isEmpty() ? "" : relativeDir + "/");
    Map<String, Long> found = new HashMap<>();
    try {
      S3Listing.eachPage(storage, location.bucket(), prefix, true, location.bucket() + "/" + prefix, page -> {
        for (S3Object o : page.contents()) {
          found.put(o.key().substring(prefix.length()), o.size());
        }
        return true;
      });
      return found;
    } catch (IOException e) {
      return null; // each output is then checked with a HEAD
    }
  }

  @Override
  public String describe() {
    return location.toString();
  }

  /** One output object. */
  private final class Sink implements ImageSink {
    private final String relative;
    private final String key;

    Sink(String relative, String key) {
      this.relative = relative;
      this.key = key;
    }

    @Override
    public String name() {
      return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public void write(byte[] content) throws IOException {
      S3Settings s = storage.settings();
      PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(location.bucket()).key(key)
          .contentType("image/webp").contentLength((long) content.length);
      if (s.cacheControl() != null) {
        req.cacheControl(s.cacheControl());
      }
      if (s.storageClass() != null) {
        req.storageClass(s.storageClass());
      }
      PutObjectRequest put = req.build();
      S3Storage.attempt(url(), () -> storage.client().putObject(put, RequestBody.fromBytes(content)));
    }

    @Override
    public void delete() throws IOException {
      S3Storage.attempt(url(), () -> storage.client().deleteObject(b -> b.bucket(location.bucket()).key(key)));
    }

    @Override
    public long existingSize() {
      int slash = relative.lastIndexOf('/');
      String dir = slash < 0 ? "" : relative.substring(0, slash);
      Map<String, Long> listedSizes = dir.equals(indexedDir) ? sizes() : null;
      if (listedSizes != null) {
        Long size = listedSizes.get(relative.substring(slash + 1));
        return size == null ? -1 : size;
      }
      try {
        return storage.client().headObject(b -> b.bucket(location.bucket()).key(key)).contentLength();
      } catch (SdkException missingOrUnreachable) {
        return -1; // converted again: the safe side
      }
    }

    private String url() {
      return S3Location.SCHEME + location.bucket() + "/" + key;
    }

    @Override
    public String toString() {
      return url();
    }
  }
}
