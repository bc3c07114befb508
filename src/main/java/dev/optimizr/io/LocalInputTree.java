package dev.optimizr.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory tree on a local file system. Symbolic links are never followed and only regular files and
 * directories are reported as such: opening a FIFO blocks forever, and a device or socket is never an image.
 * The output root is left out if it lies inside the input, so a re-run never converts its own output, and so is
 * the output's record directory ({@code .optimizr}), which lies in the input when outputs are written beside the
 * sources. Outputs end in {@code .webp} and are never candidates.
 *
 * @param root the real path of the input root
 * @param outputRoot the real path of the output root (or of the local working directory), left out of the walk
 */
public record LocalInputTree(Path root, Path outputRoot) implements InputTree<Path> {
  /** The record's directory in an output root ({@code state.RecordPaths.DIR}; io does not depend on state). */
  private static final String RECORD_DIR = ".optimizr";

  @Override
  public List<Entry<Path>> list(Path dir) throws IOException {
    List<Entry<Path>> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        entries.add(entry(p));
      }
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e); // DirectoryIteratorException
    }
    return entries;
  }

  private Entry<Path> entry(Path p) {
    String name = p.getFileName().toString();
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return new Entry<>(name, Kind.OTHER, 0, 0, p, "cannot read attributes: " + e.getMessage());
    }
    Kind kind = a.isDirectory() ? (p.equals(outputRoot) || p.equals(outputRoot.resolve(RECORD_DIR)) ? Kind.OTHER
        : Kind.DIRECTORY)
        : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    return new Entry<>(name, kind, a.size(), a.lastModifiedTime().toMillis(), p, null);
  }

  @Override
  public ImageSource source(Entry<Path> file) {
    return new LocalSource(file.handle(), file.size(), file.lastModifiedMillis());
  }

  @Override
  public String describe(Path dir, String name) {
    return (name == null ? dir : dir.resolve(name)).toString();
  }
}
