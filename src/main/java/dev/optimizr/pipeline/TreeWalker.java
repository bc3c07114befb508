package dev.optimizr.pipeline;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.state.RecordPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Walks the input tree in sorted order and reports candidate images, one directory at a time (so memory
 * is bounded by the largest directory, not the tree). Not thread-safe: one walker per run.
 *
 * <p>Symbolic links are never followed and only regular files are reported: opening a FIFO blocks
 * forever, and a device or socket is never an image. The output root is skipped if it lies inside the
 * input, so a re-run never converts its own output, and so is the output's record directory
 * ({@code .optimizr}), which lies in the input when outputs are written beside the sources. Outputs end in
 * {@code .webp} and are never candidates.
 */
public final class TreeWalker {
  /** Receives what the walk finds; returning false from a callback stops the walk. */
  public interface Sink {
    /** A candidate image and the WebP it maps to. */
    boolean found(Job job) throws InterruptedException;

    /** A candidate that fails before conversion: an output-name collision, or an unmappable name. */
    boolean rejected(Job job, ErrorType type, String message) throws InterruptedException;

    /** A directory or entry that could not be read; the walk goes on. */
    void unreadable(Path path, String reason);

    /** The walk entered {@code relativeDir} (empty for the root), before reporting its files. */
    default void directory(Path relativeDir) {
    }
  }

  private final Path inputRoot;
  private final Path outputRoot;
  private final Path recordDir;
  private final boolean keepExtension;
  private final Shard shard;

  /** A walker over the whole tree. */
  public TreeWalker(Path inputRoot, Path outputRoot, boolean keepExtension) {
    this(inputRoot, outputRoot, keepExtension, Shard.ALL);
  }

  /**
   * Both roots must be real paths (see {@link Path#toRealPath}) so that the output can be recognised.
   *
   * @param keepExtension map {@code c.jpg} to {@code c.jpg.webp} instead of {@code c.webp}
   * @param shard only files of this shard are reported
   */
  public TreeWalker(Path inputRoot, Path outputRoot, boolean keepExtension, Shard shard) {
    this.inputRoot = inputRoot;
    this.outputRoot = outputRoot;
    this.recordDir = outputRoot.resolve(RecordPaths.DIR);
    this.keepExtension = keepExtension;
    this.shard = shard;
  }

  /** The walker of {@code config}'s input and shard, for an output whose real path is {@code outputRoot}. */
  public static TreeWalker forRun(RunConfig config, Path outputRoot) throws IOException {
    return new TreeWalker(config.input().toRealPath(), outputRoot, config.keepExtension(), config.shard());
  }

  /** True for names ending in .jpg, .jpeg or .png in any letter case. */
  public static boolean isCandidate(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
  }

  /** {@code c.JPG} → {@code c.webp}, or {@code c.JPG.webp} with {@code keepExtension}. */
  public static String webpName(String fileName, boolean keepExtension) {
    int dot = fileName.lastIndexOf('.');
    return (dot > 0 && !keepExtension ? fileName.substring(0, dot) : fileName) + ".webp";
  }

  /** Walks the whole tree depth-first in name order: a directory's files, then its subdirectories. */
  public void walk(Sink sink) throws InterruptedException {
    Deque<Path> pending = new ArrayDeque<>();
    pending.push(inputRoot);
    while (!pending.isEmpty()) {
      Path dir = pending.pop();
      sink.directory(inputRoot.relativize(dir));
      List<Path> entries = list(dir, sink);
      Map<String, String> taken = new HashMap<>();
      List<Path> subdirs = new ArrayList<>();
      for (Path entry : entries) {
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          sink.unreadable(entry, "cannot read attributes: " + e.getMessage());
          continue;
        }
        if (attrs.isDirectory()) {
          if (!entry.equals(outputRoot) && !entry.equals(recordDir)) {
            subdirs.add(entry);
          }
        } else if (attrs.isRegularFile() && isCandidate(entry.getFileName().toString())) {
          try {
            if (!emit(entry, attrs, taken, sink)) {
              return;
            }
          } catch (InvalidPathException e) {
            // The JVM decodes file names with the locale's charset; under cron's POSIX locale a non-ASCII
            // name reads back as '?' and cannot be mapped to an output path.
            String relative = inputRoot.relativize(entry).toString().replace(File.separatorChar, '/');
            if (!sink.rejected(new Job(entry, relative, null, attrs.size(), 0), ErrorType.IO_ERROR,
                "file name not representable in this locale's charset (run with LC_ALL=C.UTF-8)")) {
              return;
            }
          }
        }
      }
      for (int i = subdirs.size() - 1; i >= 0; i--) {
        pending.push(subdirs.get(i));
      }
    }
  }

  private boolean emit(Path file, BasicFileAttributes attrs, Map<String, String> taken, Sink sink)
      throws InterruptedException {
    Path rel = inputRoot.relativize(file);
    String relative = rel.toString().replace(File.separatorChar, '/');
    String webp = webpName(file.getFileName().toString(), keepExtension);
    Path parent = rel.getParent();
    String targetRelative = parent == null ? webp : parent.toString().replace(File.separatorChar, '/') + "/" + webp;
    if (!shard.owns(targetRelative)) {
      return true;
    }
    Path target = (parent == null ? outputRoot : outputRoot.resolve(parent)).resolve(webp);
    Job job = new Job(file, relative, target, attrs.size(), attrs.lastModifiedTime().toMillis());
    String first = taken.putIfAbsent(webp, relative);
    return first == null ? sink.found(job)
        : sink.rejected(job, ErrorType.OUTPUT_COLLISION, "maps to the same output " + webp + " as " + first);
  }

  private static List<Path> list(Path dir, Sink sink) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        entries.add(p);
      }
    } catch (IOException | RuntimeException e) {
      sink.unreadable(dir, "cannot list directory: " + e.getMessage());
    }
    entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return entries;
  }
}
