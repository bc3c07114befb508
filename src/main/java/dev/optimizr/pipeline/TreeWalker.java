package dev.optimizr.pipeline;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.ImageSink;
import dev.optimizr.io.ImageSource;
import dev.optimizr.io.InputTree;
import dev.optimizr.io.LocalInputTree;
import dev.optimizr.io.LocalOutputTree;
import dev.optimizr.io.OutputTree;
import dev.optimizr.io.s3.StorageUnavailableException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.nio.file.Path;

/**
 * Walks an input tree (a local directory or a bucket prefix) depth-first in sorted order and reports candidate
 * images, one directory at a time, so memory is bounded by the largest directory, not the tree. In each
 * directory: its files by name, then its subdirectories by name ({@link String#compareTo}), whatever order the
 * tree lists them in. Not thread-safe: one walker per run.
 */
public final class TreeWalker {
  /** Receives what the walk finds; returning false from a callback stops the walk. */
  public interface Sink {
    /** A candidate image and the WebP it maps to. */
    boolean found(Job job) throws InterruptedException;

    /** A candidate that fails before conversion: an output-name collision, or an unmappable name. */
    boolean rejected(Job job, ErrorType type, String message) throws InterruptedException;

    /** A directory or entry that could not be read (a path or URL); the walk goes on. */
    void unreadable(String where, String reason);

    /** The walk entered {@code relativeDir} ('/'-separated, empty for the root), before reporting its files. */
    default void directory(String relativeDir) {
    }

    /** The input's object store stopped answering: the walk ends here. */
    default void storageLost() {
    }
  }

  private static final Comparator<InputTree.Entry<?>> BY_NAME = Comparator.comparing(InputTree.Entry::name);

  private final InputTree<?> inputs;
  private final OutputTree outputs;
  private final boolean keepExtension;
  private final Shard shard;

  /** A walker over a whole local tree. */
  public TreeWalker(Path inputRoot, Path outputRoot, boolean keepExtension) {
    this(inputRoot, outputRoot, keepExtension, Shard.ALL);
  }

  /** A walker over a local tree; both roots must be real paths so that the output can be recognised. */
  public TreeWalker(Path inputRoot, Path outputRoot, boolean keepExtension, Shard shard) {
    this(new LocalInputTree(inputRoot, outputRoot), new LocalOutputTree(outputRoot, new AtomicFileWriter()),
        keepExtension, shard);
  }

  /**
   * @param keepExtension map {@code c.jpg} to {@code c.jpg.webp} instead of {@code c.webp}
   * @param shard only files of this shard are reported
   */
  public TreeWalker(InputTree<?> inputs, OutputTree outputs, boolean keepExtension, Shard shard) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.keepExtension = keepExtension;
    this.shard = shard;
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
    walk(inputs, sink);
  }

  /**
   * Counts the candidate images of this walk's shard from the tree's flat listing ({@link InputTree#eachFile}),
   * one by one into {@code counted}, while {@code go} says so: the same number the walk finds (an unmappable or
   * colliding name counts too, as the walk reports it), for a fraction of a bucket's requests. Returns false,
   * having counted nothing, when the tree has no flat listing.
   */
  public boolean countFlat(AtomicLong counted, BooleanSupplier go) throws IOException {
    return inputs.eachFile(relative -> {
      int slash = relative.lastIndexOf('/');
      String name = relative.substring(slash + 1);
      if (isCandidate(name) && shard.owns(join(relative.substring(0, Math.max(0, slash)),
          webpName(name, keepExtension)))) {
        counted.incrementAndGet();
      }
      return go.getAsBoolean();
    });
  }

  private record Dir<H>(H handle, String relative) {}

  private <H> void walk(InputTree<H> tree, Sink sink) throws InterruptedException {
    Deque<Dir<H>> pending = new ArrayDeque<>();
    pending.push(new Dir<>(tree.root(), ""));
    while (!pending.isEmpty()) {
      Dir<H> dir = pending.pop();
      sink.directory(dir.relative());
      List<InputTree.Entry<H>> entries;
      try {
        entries = new ArrayList<>(tree.list(dir.handle()));
      } catch (IOException e) {
        sink.unreadable(tree.describe(dir.handle(), null), "cannot list directory: " + e.getMessage());
        if (StorageUnavailableException.in(e)) {
          sink.storageLost();
          return;
        }
        continue;
      }
      entries.sort(BY_NAME);
      Map<String, String> taken = new HashMap<>();
      List<Dir<H>> subdirs = new ArrayList<>();
      for (InputTree.Entry<H> e : entries) {
        if (e.problem() != null) {
          sink.unreadable(tree.describe(dir.handle(), e.name()), e.problem());
        } else if (e.kind() == InputTree.Kind.DIRECTORY) {
          subdirs.add(new Dir<>(e.handle(), join(dir.relative(), e.name())));
        } else if (e.kind() == InputTree.Kind.FILE && isCandidate(e.name())
            && !emit(dir.relative(), e.name(), tree.source(e), taken, sink)) {
          return;
        }
      }
      for (int i = subdirs.size() - 1; i >= 0; i--) {
        pending.push(subdirs.get(i));
      }
    }
  }

  private boolean emit(String dir, String name, ImageSource source, Map<String, String> taken, Sink sink)
      throws InterruptedException {
    String relative = join(dir, name);
    String webp = webpName(name, keepExtension);
    String targetRelative = join(dir, webp);
    if (!shard.owns(targetRelative)) {
      return true;
    }
    if (!mappable(relative)) {
      // Only object keys can look like this ("a//b.jpg", "a/../b.jpg"): no output path mirrors them.
      return sink.rejected(new Job(relative, source, null), ErrorType.INVALID_NAME,
          "the key has an empty, '.' or '..' path segment, so no output name mirrors it");
    }
    ImageSink output;
    try {
      output = outputs.sink(targetRelative);
    } catch (IllegalArgumentException e) {
      return sink.rejected(new Job(relative, source, null), ErrorType.INVALID_NAME, e.getMessage());
    }
    Job job = new Job(relative, source, output);
    String first = taken.putIfAbsent(webp, relative);
    return first == null ? sink.found(job)
        : sink.rejected(job, ErrorType.OUTPUT_COLLISION, "maps to the same output " + webp + " as " + first);
  }

  private static boolean mappable(String relative) {
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
