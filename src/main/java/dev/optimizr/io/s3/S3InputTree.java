package dev.optimizr.io.s3;

import dev.optimizr.io.ImageSource;
import dev.optimizr.io.InputTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The sources under a bucket prefix, listed one "directory" (delimiter '/') at a time with ListObjectsV2, page by
 * page: memory is bounded by the largest directory, as on disk, and the walker sorts each directory the same
 * way. Folder markers (keys ending in '/', made by consoles and some tools) are not files and are skipped. The
 * directory handle is the key prefix, ending in '/'. Safe for one walker at a time.
 */
public final class S3InputTree implements InputTree<String> {
  private final S3Storage storage;
  private final S3Location location;
  private final S3Location excluded;

  S3InputTree(S3Storage storage, S3Location location, S3Location excluded) {
    this.storage = storage;
    this.location = location;
    this.excluded = excluded != null && location.contains(excluded) ? excluded : null;
  }

  @Override
  public String root() {
    return location.prefix();
  }

  @Override
  public List<Entry<String>> list(String prefix) throws IOException {
    return list(prefix, Integer.MAX_VALUE);
  }

  @Override
  public List<Entry<String>> list(String prefix, int limit) throws IOException {
    List<Entry<String>> entries = new ArrayList<>();
    boolean whole = S3Listing.eachPage(storage, location.bucket(), prefix, true, describe(prefix, null), page -> {
      for (S3Object o : page.contents()) {
        if (o.key().endsWith("/") || o.key().length() <= prefix.length()) {
          continue; // a folder marker
        }
        entries.add(new Entry<>(o.key().substring(prefix.length()), Kind.FILE, o.size(),
            o.lastModified() == null ? 0 : o.lastModified().toEpochMilli(), o.key(), null));
      }
      for (CommonPrefix p : page.commonPrefixes()) {
        String sub = p.prefix();
        if (excluded != null && excluded.prefix().equals(sub)) {
          continue; // the output lies inside the input: never convert our own outputs
        }
        entries.add(new Entry<>(sub.substring(prefix.length(), sub.length() - 1), Kind.DIRECTORY, 0, 0, sub, null));
      }
      return entries.size() <= limit;
    });
    return whole ? entries : null;
  }

  /** Lists the prefix flat (no delimiter): 1,000 keys a request, whatever the depth of the key tree. */
  @Override
  public boolean eachFile(Predicate<String> visitor) throws IOException {
    String root = location.prefix();
    S3Listing.eachPage(storage, location.bucket(), root, false, describe(root, null), page -> {
      for (S3Object o : page.contents()) {
        String key = o.key();
        if (key.endsWith("/") || key.length() <= root.length()
            || excluded != null && key.startsWith(excluded.prefix())) {
          continue; // a folder marker, or under the output inside the input
        }
        if (!visitor.test(key.substring(root.length()))) {
          return false;
        }
      }
      return true;
    });
    return true;
  }

  @Override
  public ImageSource source(Entry<String> file) {
    return new S3Source(storage, location.bucket(), file.handle(), file.size(), file.lastModifiedMillis());
  }

  @Override
  public String describe(String prefix, String name) {
    return S3Location.SCHEME + location.bucket() + "/" + prefix + (name == null ? "" : name);
  }
}
