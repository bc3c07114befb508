package dev.optimizr.metrics;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.optimizr.analytics.GcMonitor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a live-object heap dump ({@code heap-YYYYMMDD-HHMMSSZ.hprof}) when the heap left after a full
 * collection stays above a share of the maximum on two collections in a row, at most once per cooldown,
 * keeping the newest N dumps. Thread-safe: GC notifications arrive on a JMX thread and only hand the dump to
 * one daemon thread of its own, so the notification thread never blocks on a multi-second dump.
 */
public final class HeapDumpCapture implements AutoCloseable, GcMonitor.AfterGc {
  /** Tunables of the capture. Validated on construction. */
  public record Settings(Path dir, double thresholdPercent, Duration cooldown, int keep) {
    public Settings {
      if (!(thresholdPercent > 0 && thresholdPercent <= 100)) {
        throw new IllegalArgumentException("--heap-dump-threshold must be a percentage above 0 and at most 100, got "
            + thresholdPercent);
      }
      if (cooldown.isNegative()) {
        throw new IllegalArgumentException("--heap-dump-cooldown must not be negative, got " + cooldown);
      }
      if (keep < 1) {
        throw new IllegalArgumentException("--heap-dump-keep must be at least 1, got " + keep);
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(HeapDumpCapture.class);
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("'heap-'yyyyMMdd-HHmmss'Z.hprof'").withZone(ZoneOffset.UTC);

  private final Settings settings;
  private final Clock clock;
  private final long maxHeap = Runtime.getRuntime().maxMemory();
  private final AtomicLong captured = new AtomicLong();
  private final AtomicLong highInARow = new AtomicLong();
  private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);
  private final ExecutorService dumper = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "optimizr-heap-dump");
    t.setDaemon(true);
    return t;
  });

  public HeapDumpCapture(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Heap dumps written so far. */
  public long captured() {
    return captured.get();
  }

  @Override
  public void afterGc(String gcAction, long heapUsedBytes) {
    // After a young collection the old generation still holds garbage; only a full one shows what is live.
    if (gcAction.contains("minor")) {
      return;
    }
    if (100.0 * heapUsedBytes / maxHeap <= settings.thresholdPercent()) {
      highInARow.set(0);
      return;
    }
    if (highInARow.incrementAndGet() < 2) {
      return;
    }
    Instant now = clock.instant();
    Instant prev = last.get();
    if (now.isBefore(prev.plus(settings.cooldown())) || !last.compareAndSet(prev, now)) {
      return;
    }
    try {
      dumper.execute(() -> dump(now, heapUsedBytes));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: the run is over
    }
  }

  private void dump(Instant when, long heapUsedBytes) {
    Path file = settings.dir().resolve(NAME.format(when));
    try {
      Files.deleteIfExists(file); // dumpHeap refuses an existing file
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
      captured.incrementAndGet();
      LOG.atWarn().addKeyValue("path", file.toString()).addKeyValue("heap_used_bytes", heapUsedBytes)
          .log("heap stayed above {} % of the maximum after GC; heap dump written: {}",
              settings.thresholdPercent(), file);
      prune(settings.dir(), settings.keep());
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write heap dump {}: {}", file, e.toString());
    }
  }

  /** Deletes all but the newest {@code keep} {@code heap-*.hprof} files (names sort by time). */
  static List<Path> prune(Path dir, int keep) throws IOException {
    List<Path> dumps = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "heap-*.hprof")) {
      s.forEach(dumps::add);
    }
    dumps.sort(null);
    List<Path> deleted = new ArrayList<>(dumps.subList(0, Math.max(0, dumps.size() - keep)));
    for (Path p : deleted) {
      Files.deleteIfExists(p);
    }
    return deleted;
  }

  /** Lets a dump in progress finish (up to 60 s: a dump of a large heap takes a while), then stops. */
  @Override
  public void close() throws InterruptedException {
    dumper.shutdown();
    if (!dumper.awaitTermination(60, TimeUnit.SECONDS)) {
      dumper.shutdownNow();
    }
  }
}
