package dev.optimizr.pipeline;

import dev.optimizr.analytics.TreeCount;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.state.MigrationRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Counts the candidate images in the input tree on a daemon thread, so progress, metrics and an interrupted
 * run's totals can show the whole job long before the (queue-throttled) converting walk reaches the end. It
 * counts what the run would take up: the same shard and {@code -retry-failed} list. Thread-safe.
 *
 * <p>A bucket is counted from its flat listing, 1,000 keys a request however deep its key tree ({@link
 * TreeWalker#countFlat}); under {@code -retry-failed}, which needs each directory's failures, it is walked.
 *
 * <p>A second walk only pays while the converting walk waits for the workers. So a counter made by
 * {@link #deferred} starts walking only when {@link #begin} is called (the run calls it when its queue first
 * fills up); until then, and whenever the converting walk gets to the end first, the total is what that walk
 * has found ({@link #follow}). An unchanged re-run, whose walk never waits, lists the tree once.
 */
public final class TreeCounter implements AutoCloseable {
  private final AtomicLong counted = new AtomicLong();
  private volatile boolean finished;
  private volatile boolean stop;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile LongSupplier walked = () -> 0;
  private volatile BooleanSupplier walkComplete = () -> false;

  /** @param retry under {@code -retry-failed}, the selection that knows which failures are on record */
  private TreeCounter(TreeWalker walker, Selection retry) {
    thread = new Thread(() -> {
      try {
        if (retry == null && walker.countFlat(counted, () -> !stop)) {
          finished = !stop; // a bucket, listed flat: no directory callbacks needed without -retry-failed
          return;
        }
        walker.walk(new TreeWalker.Sink() {
          @Override
          public void directory(String relativeDir) {
            if (retry != null) {
              retry.enter(relativeDir);
            }
          }

          @Override
          public boolean found(Job job) {
            if (retry == null || retry.wanted(job)) {
              counted.incrementAndGet();
            }
            return !stop;
          }

          @Override
          public boolean rejected(Job job, ErrorType type, String message) {
            return found(job);
          }

          @Override
          public void unreadable(String where, String reason) {
            // the converting walk reports it
          }
        });
        finished = !stop;
      } catch (InterruptedException | IOException | RuntimeException e) {
        // progress then shows "found so far" instead of a total
      }
    }, "optimizr-count");
    thread.setDaemon(true);
  }

  /** Starts counting the tree {@code config} describes; {@code record} tells a retry which files failed. */
  public static TreeCounter start(RunConfig config, MigrationRecord record) throws IOException {
    TreeCounter c = deferred(config, record, Trees.factory(config, null));
    c.begin();
    return c;
  }

  /** A counter of the input tree {@code trees} opens that walks only once {@link #begin} is called. */
  public static TreeCounter deferred(RunConfig config, MigrationRecord record, Trees.Factory trees)
      throws IOException {
    return new TreeCounter(trees.open(config.output().toRealPath(), (t, b) -> {
      throw new IOException("counting writes nothing");
    }).walker(config),
        config.retryFailed() ? new Selection(config, record) : null);
  }

  /** Starts the counting walk, once; later calls do nothing. */
  public void begin() {
    if (started.compareAndSet(false, true)) {
      thread.start();
    }
  }

  /**
   * The converting walk's own count of the same files, and whether it has reached the end of the tree: the
   * total before {@link #begin}, and once it is complete.
   */
  public void follow(LongSupplier walkedSoFar, BooleanSupplier walkedToTheEnd) {
    this.walked = walkedSoFar;
    this.walkComplete = walkedToTheEnd;
  }

  /** What has been counted so far; safe to call from any thread, also after {@link #close()}. */
  public TreeCount count() {
    if (walkComplete.getAsBoolean()) {
      return new TreeCount(walked.getAsLong(), true);
    }
    if (!started.get()) {
      return new TreeCount(walked.getAsLong(), false);
    }
    boolean complete = finished; // read first: once it is set, the count is final
    // Until then both walks' counts are lower bounds of the total, and the counting walk starts from zero
    // after the converting walk: the larger one, so the total never drops (the audit's sample rate needs it).
    return complete ? new TreeCount(counted.get(), true)
        : new TreeCount(Math.max(counted.get(), walked.getAsLong()), false);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    if (started.get()) {
      thread.join(5_000);
    }
  }
}
