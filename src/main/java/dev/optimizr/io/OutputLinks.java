package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps writes inside the output tree: an output path that passes through a symbolic link below the output
 * root is refused, so a link such as {@code OUT/photos -> /elsewhere} never sends files (or deletions) to where
 * it points; a run as root over a shared output directory would otherwise write wherever such a link leads.
 * The root itself may be a link given by the user: it is resolved once, on first use. Thread-safe.
 *
 * <p>The check is an lstat of each directory below the root just before the write, not an {@code openat}
 * chain (Java has no {@code mkdirat}): a link swapped in between the check and the write is not caught.
 */
public final class OutputLinks {
  private final Path root;
  private volatile Path realRoot;

  public OutputLinks(Path root) {
    this.root = root;
  }

  /** Thrown for an output path that passes through a symbolic link; the message names the link. */
  public static final class LinkedOutputException extends IOException {
    private static final long serialVersionUID = 1L;

    LinkedOutputException(Path link) {
      super("the output path passes through the symbolic link " + link + " -> " + target(link)
          + "; outputs are never written through links");
    }

    private static String target(Path link) {
      try {
        return Files.readSymbolicLink(link).toString();
      } catch (IOException | UnsupportedOperationException e) {
        return "?"; // replaced meanwhile; it was a link when checked
      }
    }
  }

  /**
   * Throws {@link LinkedOutputException} when a directory between the root and {@code target} is a symbolic
   * link. Directories still missing end the check: mkdir creates real ones. Paths outside the root are not
   * this class's concern and pass.
   */
  public void check(Path target) throws IOException {
    checkDirectory(target.toAbsolutePath().normalize().getParent());
  }

  /** True when {@code dir} (under the root) is, or lies below, a symbolic link. */
  public boolean throughLink(Path dir) throws IOException {
    try {
      checkDirectory(dir.toAbsolutePath().normalize());
      return false;
    } catch (LinkedOutputException e) {
      return true;
    }
  }

  private void checkDirectory(Path dir) throws IOException {
    Path base = realRoot();
    if (!dir.startsWith(base)) {
      base = root.toAbsolutePath().normalize();
      if (!dir.startsWith(base)) {
        return;
      }
    }
    Path p = base;
    for (Path name : base.relativize(dir)) {
      if (name.toString().isEmpty()) {
        continue; // dir is the root itself
      }
      p = p.resolve(name);
      try {
        if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()) {
          throw new LinkedOutputException(p);
        }
      } catch (NoSuchFileException e) {
        return;
      }
    }
  }

  private Path realRoot() throws IOException {
    Path r = realRoot;
    if (r == null) {
      r = root.toRealPath();
      realRoot = r;
    }
    return r;
  }
}
