package dev.optimizr.report;

import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.TreeCount;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows progress from collector snapshots on one daemon thread: a live status line on a terminal, or a plain
 * line every interval when output goes to a log (cron, docker logs). The total comes from the counting walk
 * ({@link TreeCount}); nothing is estimated before it is complete. Thread-safe; {@link #close()} stops it.
 */
public final class ProgressReporter implements AutoCloseable {
  private final Supplier<CollectorSnapshot> source;
  private final Supplier<TreeCount> tree;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "optimizr-progress");
    t.setDaemon(true);
    return t;
  });
  private LiveScreen screen;

  private ProgressReporter(Supplier<CollectorSnapshot> source, Supplier<TreeCount> tree) {
    this.source = source;
    this.tree = tree;
  }

  /** A status line at the bottom of {@code screen}, redrawn twice a second. */
  public static ProgressReporter bar(Supplier<CollectorSnapshot> source, Supplier<TreeCount> tree,
      LiveScreen screen) {
    ProgressReporter p = new ProgressReporter(source, tree);
    p.screen = screen;
    p.executor.scheduleAtFixedRate(p::draw, 0, 500, TimeUnit.MILLISECONDS);
    return p;
  }

  /** A line on {@code out} every {@code interval}, for logs. */
  public static ProgressReporter lines(Supplier<CollectorSnapshot> source, Supplier<TreeCount> tree,
      PrintWriter out, Duration interval) {
    ProgressReporter p = new ProgressReporter(source, tree);
    long ms = interval.toMillis();
    p.executor.scheduleAtFixedRate(() -> out.println(p.text().logLine()), ms, ms, TimeUnit.MILLISECONDS);
    return p;
  }

  private void draw() {
    ProgressText text = text();
    screen.show(text::statusLine);
  }

  ProgressText text() {
    return new ProgressText(source.get(), tree.get(), (System.nanoTime() - startNanos) / 1e9);
  }

  /** Stops updating; a status line is erased (the closing totals follow). */
  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    if (screen != null) {
      screen.end();
    }
  }
}
