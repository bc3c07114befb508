package dev.optimizr.pipeline;

import dev.optimizr.analytics.TreeCount;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.state.MigrationRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the candidate images in the input tree on a daemon thread, so progress, metrics and an interrupted
 * run's totals can show the whole job long before the (queue-throttled) converting walk reaches the end. It
 * counts what the run would take up: the same shard and {@code -retry-failed} list. Thread-safe.
 */
public final class TreeCounter implements AutoCloseable {
  private final AtomicLong counted = new AtomicLong();
  private volatile boolean finished;
  private volatile boolean stop;
  private final Thread thread;

  /** @param retry under {@code -retry-failed}, the selection that knows which failures are on record */
  private TreeCounter(TreeWalker walker, Selection retry) {
    thread = new Thread(() -> {
      try {
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
      } catch (InterruptedException | RuntimeException e) {
        // progress then shows "found so far" instead of a total
      }
    }, "optimizr-count");
    thread.setDaemon(true);
  }

  /** Starts counting the tree {@code config} describes; {@code record} tells a retry which files failed. */
  public static TreeCounter start(RunConfig config, MigrationRecord record) throws IOException {
    return start(config, record, Trees.factory(config, null));
  }

  /** As {@link #start(RunConfig, MigrationRecord)}, over the input tree {@code trees} opens. */
  public static TreeCounter start(RunConfig config, MigrationRecord record, Trees.Factory trees)
      throws IOException {
    TreeCounter c = new TreeCounter(trees.open(config.output().toRealPath(), (t, b) -> {
      throw new IOException("counting writes nothing");
    }).walker(config),
        config.retryFailed() ? new Selection(config, record) : null);
    c.thread.start();
    return c;
  }

  /** What has been counted so far; safe to call from any thread, also after {@link #close()}. */
  public TreeCount count() {
    boolean complete = finished; // read first: once it is set, the count is final
    return new TreeCount(counted.get(), complete);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(5_000);
  }
}
