package dev.optimizr.io;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * A tree of source images read one directory at a time: a local directory or a bucket prefix. {@code H} is how
 * the tree names a directory (a {@link java.nio.file.Path}, a key prefix). Implementations are safe for one walker
 * thread at a time; the {@link ImageSource}s they make are immutable.
 *
 * @param <H> the handle of a directory
 */
public interface InputTree<H> {
  /** What a directory entry is. */
  enum Kind {
    FILE,
    DIRECTORY,
    /** A link, device, socket, or an entry whose attributes could not be read ({@link Entry#problem()}). */
    OTHER
  }

  /**
   * One entry of a directory.
   *
   * @param name its name within the directory
   * @param handle for a directory, what {@link #list} takes; otherwise whatever {@link #source} needs
   * @param problem why the entry could not be read, or null
   */
  record Entry<H>(String name, Kind kind, long size, long lastModifiedMillis, H handle, String problem) {}

  /** The root directory. */
  H root();

  /** The entries of {@code dir}, in any order. */
  List<Entry<H>> list(H dir) throws IOException;

  /**
   * The entries of {@code dir} as {@link #list} gives them, or null when it holds more than {@code limit}: a tree
   * that lists page by page stops there, so that listing a directory ahead of the walk costs bounded memory.
   */
  default List<Entry<H>> list(H dir, int limit) throws IOException {
    List<Entry<H>> entries = list(dir);
    return entries.size() <= limit ? entries : null;
  }

  /**
   * Visits the relative path ('/'-separated) of every file under the root, in any order and without the
   * directories' structure, where the tree can do that much more cheaply than a walk (a bucket: one request per
   * 1,000 keys instead of one per "directory"); {@code visitor} returns false to stop. Returns false, having
   * visited nothing, when the tree has no such listing.
   */
  default boolean eachFile(Predicate<String> visitor) throws IOException {
    return false;
  }

  /** The image a file entry found under {@code dir} refers to. */
  ImageSource source(Entry<H> file);

  /** Where {@code dir} or a file in it is, for messages: an absolute path or an {@code s3://} URL. */
  String describe(H dir, String name);
}
