package dev.optimizr.pipeline;

import dev.optimizr.io.ImageSource;
import dev.optimizr.io.InputTree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tree of key prefixes (a bucket's "directories", each handle ending in '/') whose directories are listed ahead of
 * the walk, a few at a time, in the order the walk will ask for them: depth-first, by name. On object storage every
 * directory costs a request, and the walk asks for them one after another; with this, a walk over many small
 * directories waits for the store's latency about once instead of once per directory.
 *
 * <p>Bounded: at most {@link #MAX_AHEAD} directories listed or being listed and not yet walked, each of at most
 * {@link #MAX_ENTRIES} entries (a larger one is listed when the walk gets there, as without look-ahead). Listing
 * failures reach the walk when it asks for that directory, as if it had listed it itself. Listing threads are
 * daemons that end when idle. Safe for one walker thread.
 */
public final class ListingLookahead implements InputTree<String> {
  /** Directories listed ahead of the walk and not yet walked, at most. */
  static final int MAX_AHEAD = 16;
  /** A directory with more entries than this is not listed ahead (one or two pages of a ListObjectsV2). */
  static final int MAX_ENTRIES = 2_000;
  /** Listings in flight at once. */
  static final int THREADS = 4;

  /** The walk's order of directories: '/' below every other character, so a parent and its subtree come first. */
  static final Comparator<String> WALK_ORDER = (a, b) -> {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  };

  /** The subdirectories of one listed directory, in walk order, and the next one not yet listed ahead. */
  private static final class Siblings {
    private final List<String> dirs;
    private int next;

    Siblings(List<String> dirs) {
      this.dirs = dirs;
    }

    String peek() {
      return dirs.get(next);
    }
  }

  private final InputTree<String> tree;
  private final ThreadPoolExecutor pool;
  private final PriorityQueue<Siblings> waiting = new PriorityQueue<>(
      Comparator.comparing(Siblings::peek, WALK_ORDER));
  /** Listed or being listed ahead, not yet walked; a null list: too large to hold, the walk lists it itself. */
  private final TreeMap<String, CompletableFuture<List<Entry<String>>>> ahead = new TreeMap<>(WALK_ORDER);
  private String walked; // the directory the walk asked for last

  private final int maxAhead;
  private final int maxEntries;

  ListingLookahead(InputTree<String> tree, int maxAhead, int maxEntries) {
    this.tree = tree;
    this.maxAhead = maxAhead;
    this.maxEntries = maxEntries;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(THREADS, THREADS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "optimizr-list-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /** {@code tree}, its directories listed ahead of the walk. */
  public static ListingLookahead of(InputTree<String> tree) {
    return new ListingLookahead(tree, MAX_AHEAD, MAX_ENTRIES);
  }

  @Override
  public String root() {
    return tree.root();
  }

  @Override
  public List<Entry<String>> list(String dir) throws IOException {
    CompletableFuture<List<Entry<String>>> listing;
    synchronized (this) {
      walked = dir;
      ahead.headMap(dir).clear(); // passed without being asked for: a walk that skips nothing never leaves any
      listing = ahead.remove(dir);
    }
    List<Entry<String>> entries = listing == null ? null : await(listing);
    if (entries == null) { // not listed ahead, or too large to keep
      entries = tree.list(dir);
      found(entries);
    }
    fill();
    return entries;
  }

  @Override
  public boolean eachFile(Predicate<String> visitor) throws IOException {
    return tree.eachFile(visitor);
  }

  @Override
  public ImageSource source(Entry<String> file) {
    return tree.source(file);
  }

  @Override
  public String describe(String dir, String name) {
    return tree.describe(dir, name);
  }

  /** Queues the subdirectories among {@code entries} to be listed ahead. */
  private void found(List<Entry<String>> entries) {
    List<String> dirs = entries.stream()
        .filter(e -> e.kind() == Kind.DIRECTORY && e.problem() == null)
        .map(Entry::handle).sorted(WALK_ORDER).toList();
    if (!dirs.isEmpty()) {
      synchronized (this) {
        waiting.add(new Siblings(dirs));
      }
    }
  }

  /** Starts listing the next directories of the walk, up to the bound. */
  private void fill() {
    synchronized (this) {
      while (ahead.size() < maxAhead && !waiting.isEmpty()) {
        Siblings s = waiting.poll();
        String dir = s.peek();
        if (++s.next < s.dirs.size()) {
          waiting.add(s);
        }
        if (walked == null || WALK_ORDER.compare(dir, walked) > 0) {
          ahead.put(dir, CompletableFuture.supplyAsync(() -> listAhead(dir), pool));
        }
      }
    }
  }

  private List<Entry<String>> listAhead(String dir) {
    try {
      List<Entry<String>> entries = tree.list(dir, maxEntries);
      if (entries != null) {
        found(entries);
        fill();
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The listing made ahead, null when it was too large to keep; its failure as the walk's own. */
  private static List<Entry<String>> await(CompletableFuture<List<Entry<String>>> listing) throws IOException {
    try {
      return listing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while listing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    }
  }
}
