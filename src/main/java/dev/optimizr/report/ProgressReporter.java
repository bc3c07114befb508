package dev.optimizr.report;

import dev.optimizr.analytics.CollectorSnapshot;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress from collector snapshots on one daemon thread: a live bar on a terminal, or a plain line
 * every interval when output goes to a log (cron, docker logs). The total comes from a supplier that returns
 * -1 while it is unknown. Thread-safe; {@link #close()} stops it.
 */
public final class ProgressReporter implements AutoCloseable {
  private final Supplier<CollectorSnapshot> source;
  private final LongSupplier total;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "optimizr-progress");
    t.setDaemon(true);
    return t;
  });
  private ProgressBar bar;

  private ProgressReporter(Supplier<CollectorSnapshot> source, LongSupplier total) {
    this.source = source;
    this.total = total;
  }

  /** A live bar on {@code terminal}, refreshed twice a second. */
  public static ProgressReporter bar(Supplier<CollectorSnapshot> source, LongSupplier total,
      PrintStream terminal) {
    ProgressReporter p = new ProgressReporter(source, total);
    p.bar = new ProgressBarBuilder().setTaskName("Converting").setInitialMax(0).setUnit(" img", 1)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
    p.executor.scheduleAtFixedRate(p::updateBar, 500, 500, TimeUnit.MILLISECONDS);
    return p;
  }

  /** A line on {@code out} every {@code interval}, for logs. */
  public static ProgressReporter lines(Supplier<CollectorSnapshot> source, LongSupplier total,
      PrintWriter out, Duration interval) {
    ProgressReporter p = new ProgressReporter(source, total);
    long ms = interval.toMillis();
    p.executor.scheduleAtFixedRate(() -> out.println(p.line()), ms, ms, TimeUnit.MILLISECONDS);
    return p;
  }

  private void updateBar() {
    CollectorSnapshot s = source.get();
    long t = total.getAsLong();
    bar.maxHint(t >= 0 ? t : Math.max(s.found(), s.done() + 1));
    bar.stepTo(s.done());
    bar.setExtraMessage(String.format(Locale.ROOT, " %.1f MB/s, %d failed", mbPerSecond(s), s.failed()));
  }

  /** One progress line: done/total, rate, ETA once the total is known. */
  String line() {
    CollectorSnapshot s = source.get();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long t = total.getAsLong();
    String of = t >= 0 ? Long.toString(t) : "at least " + Math.max(s.found(), s.done());
    String eta = "";
    if (t >= 0 && s.done() > 0 && t > s.done()) {
      long left = (long) (seconds / s.done() * (t - s.done()));
      eta = ", ETA " + GoDuration.format(Duration.ofSeconds(left));
    }
    return String.format(Locale.ROOT, "progress: %d of %s images (%d failed), %.1f MB/s, %.1f images/s%s",
        s.done(), of, s.failed(), mbPerSecond(s), seconds > 0 ? s.converted() / seconds : 0.0, eta);
  }

  private double mbPerSecond(CollectorSnapshot s) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds > 0 ? s.inputBytes() / 1048576.0 / seconds : 0;
  }

  /** Stops updating; a bar is completed and closed. */
  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    if (bar != null) {
      updateBar();
      bar.close();
    }
  }
}
