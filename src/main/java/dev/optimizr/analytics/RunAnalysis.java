package dev.optimizr.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a run's measurements into verdicts: whether memory is stable (the post-GC heap floor does not
 * rise), whether the run was CPU or I/O bound, and recommendations that each cite the number behind them.
 * Stateless and thread-safe; every rule is explained in OBSERVABILITY.md.
 */
public final class RunAnalysis {
  private static final long MB = 1024 * 1024;

  private RunAnalysis() {}

  /** What the analysis needs besides the collector snapshot. */
  public record Inputs(CollectorSnapshot counts, List<MemorySnapshot> memory, int workers, int processors,
      Duration wall, long cpuNanos, long heapMaxBytes, long gcPauseMillis) {}

  /** The verdicts. */
  public record Result(boolean memoryStable, double heapFloorTrendMbPerHour, String cpuBoundAnalysis,
      double cpuUtilizationPercent, List<String> recommendations) {
    public Result {
      recommendations = List.copyOf(recommendations);
    }
  }

  public static Result analyse(Inputs in) {
    if (in.counts().converted() == 0) {
      return nothingConverted(in);
    }
    double trend = floorTrendMbPerHour(in.memory());
    double rise = floorRiseMb(in.memory());
    boolean leak = rise > leakThresholdMb(in.heapMaxBytes());
    double util = cpuUtilization(in);
    return new Result(!leak, trend, cpuVerdict(in, util), util * 100, recommendations(in, util, leak, rise));
  }

  /**
   * A run that converted nothing (a nightly re-run of a finished migration, or only failures): it says so, and
   * draws no verdict or advice from timings and memory that measured no conversion at all. Only failures,
   * which are real, still get their line.
   */
  static Result nothingConverted(Inputs in) {
    CollectorSnapshot c = in.counts();
    String verdict = c.found() == 0 ? "Nothing converted: no JPEG or PNG files were found."
        : f("Nothing converted: %d file(s) found, %d already up to date, %d failed; no timing or memory "
            + "advice is drawn from a run without conversions.", c.found(), c.skipped(), c.failed());
    List<String> out = new ArrayList<>();
    if (c.failed() > 0) {
      out.add(failures(c));
    }
    return new Result(true, 0, verdict, cpuUtilization(in) * 100, out);
  }

  /** A floor rise that counts as a leak: 10 % of the heap limit, at least 64 MB (G1 regions and noise). */
  static double leakThresholdMb(long heapMaxBytes) {
    return Math.max(64, heapMaxBytes / MB * 0.10);
  }

  /** Post-GC heap floors as (seconds since the first snapshot, MB). */
  private static List<double[]> floors(List<MemorySnapshot> memory) {
    List<double[]> points = new ArrayList<>();
    if (memory.isEmpty()) {
      return points;
    }
    long t0 = memory.get(0).timestamp().toEpochMilli();
    for (MemorySnapshot s : memory) {
      if (s.heapFloorBytes() >= 0) {
        points.add(new double[] {(s.timestamp().toEpochMilli() - t0) / 1000.0, s.heapFloorBytes() / (double) MB});
      }
    }
    return points;
  }

  /** Floors must span this long before a per-hour trend means anything. */
  static final double MIN_TREND_SPAN_SECONDS = 600;

  /** Least-squares slope of the floor, in MB per hour; 0 with fewer than 3 floors or under 10 minutes. */
  static double floorTrendMbPerHour(List<MemorySnapshot> memory) {
    List<double[]> p = floors(memory);
    if (p.size() < 3 || p.get(p.size() - 1)[0] - p.get(0)[0] < MIN_TREND_SPAN_SECONDS) {
      return 0;
    }
    double mx = p.stream().mapToDouble(a -> a[0]).average().orElse(0);
    double my = p.stream().mapToDouble(a -> a[1]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] a : p) {
      num += (a[0] - mx) * (a[1] - my);
      den += (a[0] - mx) * (a[0] - mx);
    }
    return den == 0 ? 0 : num / den * 3600;
  }

  /**
   * How much the floor rose over the run: the fitted rise, but only when the last third of the floors
   * also sits that much above the first third (one late full GC cannot make or hide a leak on its own).
   */
  static double floorRiseMb(List<MemorySnapshot> memory) {
    List<double[]> p = floors(memory);
    if (p.size() < 3) {
      return 0;
    }
    double fitted = floorTrendMbPerHour(memory) / 3600 * (p.get(p.size() - 1)[0] - p.get(0)[0]);
    int third = Math.max(1, p.size() / 3);
    double first = p.subList(0, third).stream().mapToDouble(a -> a[1]).min().orElse(0);
    double last = p.subList(p.size() - third, p.size()).stream().mapToDouble(a -> a[1]).min().orElse(0);
    return Math.min(fitted, last - first);
  }

  /** CPU time over the wall time of the cores the workers could use (min of workers and processors). */
  static double cpuUtilization(Inputs in) {
    long wallNanos = in.wall().toNanos();
    if (in.cpuNanos() < 0 || wallNanos <= 0) {
      return 0;
    }
    return Math.min(1.0, in.cpuNanos() / (double) (wallNanos * Math.min(in.workers(), in.processors())));
  }

  private static double ioShare(CollectorSnapshot c) {
    long total = c.stageTotals().totalNanos();
    return total == 0 ? 0 : c.stageTotals().nanosOf("READ", "WRITE") / (double) total;
  }

  private static double idleShare(Inputs in) {
    long capacity = in.wall().toNanos() * in.workers();
    return capacity <= 0 ? 0 : Math.min(1.0, in.counts().workerIdleNanos() / (double) capacity);
  }

  static String cpuVerdict(Inputs in, double util) {
    double io = ioShare(in.counts());
    int cores = Math.min(in.workers(), in.processors());
    String numbers = String.format(Locale.ROOT, "CPU use was %.0f %% of %d core%s; reading and writing files took "
        + "%.0f %% of image time, and workers waited for files %.0f %% of the time.", util * 100, cores,
        cores == 1 ? "" : "s", io * 100, idleShare(in) * 100);
    if (io >= 0.30 || (util < 0.50 && idleShare(in) >= 0.30)) {
      return "I/O bound: " + numbers;
    }
    if (util >= 0.75) {
      return "CPU bound: " + numbers;
    }
    long stages = in.counts().stageTotals().totalNanos();
    double compute = stages == 0 ? 0 : in.counts().stageTotals().nanosOf("DECODE", "NORMALISE", "ENCODE")
        / (double) stages;
    if (compute >= 0.80 && idleShare(in) < 0.10) {
      // Workers that never wait for files and only "compute", yet leave the cores partly idle: either they wait
      // for heap (the memory budget's wait counts as decode time) or the host gives less CPU than it shows.
      if (in.counts().forcedGcRuns() > 0) {
        return f("Memory bound: %s The heap passed 70 %% %d time(s) (%d MB max): workers waited for memory, "
            + "which counts as image time.", numbers, in.counts().forcedGcRuns(), in.heapMaxBytes() / MB);
      }
      return "CPU bound: " + numbers + " Workers that only compute yet use under 75 % of the cores mean the host "
          + "gives less CPU than it shows (shared or throttled).";
    }
    return "Balanced: " + numbers;
  }

  /**
   * The launcher's knob for the heap, at twice the current maximum: e.g. {@code OPTIMIZR_JAVA_OPTS=-Xmx768m}
   * (src/main/sh/launcher.sh passes that variable to the JVM; with plain {@code java -jar}, the -Xmx flag).
   */
  static String biggerHeap(long heapMaxBytes) {
    long mb = Math.max(64, 2 * (heapMaxBytes / MB));
    return "OPTIMIZR_JAVA_OPTS=-Xmx" + (mb % 1024 == 0 ? mb / 1024 + "g" : mb + "m");
  }

  private static List<String> recommendations(Inputs in, double util, boolean leak, double riseMb) {
    List<String> out = new ArrayList<>();
    CollectorSnapshot c = in.counts();
    double wallMs = in.wall().toMillis();
    long heapMb = in.heapMaxBytes() / MB;
    boolean heapTight = c.forcedGcRuns() > 0;
    boolean tooMany = in.workers() > 2 * in.processors();
    if (tooMany) {
      out.add(f("-workers %d is more than twice the %d available processors: extra workers only add memory "
          + "and contention; try -workers %d.", in.workers(), in.processors(), in.processors() + 1));
    } else if (in.workers() < in.processors() && util >= 0.75 && !heapTight) {
      out.add(f("CPU use was %.0f %% of the %d core(s) in use and %d processors are available: try -workers %d.",
          util * 100, in.workers(), in.processors(), in.processors()));
    }
    double idle = idleShare(in);
    if (idle >= 0.25 && c.done() > in.workers() && util < 0.75) {
      boolean moreHelps = !heapTight && in.workers() <= in.processors();
      out.add(f("Workers waited for the next file %.0f %% of the time: listing or reading the input is the "
          + "bottleneck, not conversion; %s", idle * 100, moreHelps
              ? f("-workers %d (one above the %d processors) can hide some of its latency.", in.processors() + 1,
                  in.processors())
              : f("more than -workers %d will not help.", in.workers())));
    }
    Percentiles t = c.times();
    if (c.converted() >= 20 && t.p50Ms() > 0 && t.p99Ms() / t.p50Ms() >= 5) {
      out.add(f("p99 processing time %.0f ms is %.1fx the median %.0f ms (max %.0f ms): a few much larger images "
          + "dominate and set the peak memory; -max-width/-max-height shrink them, -max-pixels refuses them.",
          t.p99Ms(), t.p99Ms() / t.p50Ms(), t.p50Ms(), t.maxMs()));
    }
    if (wallMs > 0 && in.gcPauseMillis() / wallMs >= 0.05) {
      out.add(f("GC pauses took %.1f %% of the run (%d ms) with a %d MB heap: raise it, e.g. %s.",
          100 * in.gcPauseMillis() / wallMs, in.gcPauseMillis(), heapMb, biggerHeap(in.heapMaxBytes())));
    }
    if (heapTight) {
      out.add(f("The heap passed 70 %% after %d image(s) and System.gc() ran each time: %d MB of heap is tight for "
          + "%d workers; raise it (%s) or lower -workers to %d.", c.forcedGcRuns(), heapMb, in.workers(),
          biggerHeap(in.heapMaxBytes()), tooMany ? in.processors() + 1 : Math.max(1, in.workers() - 1)));
    }
    if (leak) {
      out.add(f("The post-GC heap floor rose %.0f MB during the run (%.0f MB/hour): memory is being retained; "
          + "capture a heap dump with -heap-dump-dir DIR and report it.", riseMb, floorTrendMbPerHour(in.memory())));
    }
    if (c.largerOutputs() > 0) {
      out.add(f("%d of %d converted file(s) (%.1f %%) are larger as WebP than their source, usually small or "
          + "already optimised PNGs; -if-larger skip keeps the source instead.", c.largerOutputs(), c.converted(),
          100.0 * c.largerOutputs() / c.converted()));
    }
    if (c.failed() > 0) {
      out.add(failures(c));
    }
    if (out.isEmpty()) {
      out.add(f("No change suggested: CPU use %.0f %%, no forced GC, GC pauses %.1f %% of the run.", util * 100,
          wallMs > 0 ? 100 * in.gcPauseMillis() / wallMs : 0.0));
    }
    return out;
  }

  private static String failures(CollectorSnapshot c) {
    Map.Entry<String, Long> top = c.errorsByType().entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow();
    return f("%d file(s) failed, most often %s (%d): see failures.jsonl; -retry-failed converts only those "
        + "once the cause is fixed.", c.failed(), top.getKey(), top.getValue());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
