package dev.optimizr.pipeline;

import dev.optimizr.codec.ErrorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the candidate images in the input tree on a daemon thread, so progress can show a total and an
 * ETA long before the (queue-throttled) converting walk reaches the end. Thread-safe.
 */
public final class TreeCounter implements AutoCloseable {
  private final AtomicLong counted = new AtomicLong();
  private volatile boolean finished;
  private volatile boolean stop;
  private final Thread thread;

  private TreeCounter(TreeWalker walker) {
    thread = new Thread(() -> {
      try {
        walker.walk(new TreeWalker.Sink() {
          @Override
          public boolean found(Job job) {
            counted.incrementAndGet();
            return !stop;
          }

          @Override
          public boolean rejected(Job job, ErrorType type, String message) {
            return found(job);
          }

          @Override
          public void unreadable(Path path, String reason) {
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

  /** Starts counting the tree {@code config} describes. */
  public static TreeCounter start(RunConfig config) throws IOException {
    TreeCounter c = new TreeCounter(new TreeWalker(config.input().toRealPath(), config.output().toRealPath(),
        config.keepExtension(), config.shard()));
    c.thread.start();
    return c;
  }

  /** The number of candidates in the tree, or -1 while counting. */
  public long total() {
    return finished ? counted.get() : -1;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(5_000);
  }
}
