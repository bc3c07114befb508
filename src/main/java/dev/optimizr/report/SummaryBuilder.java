package dev.optimizr.report;

import dev.optimizr.analytics.AuditCollector;
import dev.optimizr.analytics.CollectorSnapshot;
import dev.optimizr.analytics.MemorySnapshot;
import dev.optimizr.analytics.Percentiles;
import dev.optimizr.analytics.RunAnalysis;
import dev.optimizr.analytics.StageTotals;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Builds {@link RunSummary} from immutable snapshots only. Stateless and thread-safe. */
public final class SummaryBuilder {
  private static final double MB = 1024.0 * 1024;
  private static final double GB = MB * 1024;

  private SummaryBuilder() {}

  /** GC totals of the run, from the GC monitor, and the heap dumps captured ({@code --heap-dump-dir}). */
  public record GcTotals(long runs, long pauses, long pauseMillis, long maxPauseMillis, long heapDumps) {}

  /** Process-level readings at the end of the run. */
  public record ProcessTotals(long peakResidentBytes, long cpuNanos, long heapMaxBytes, int processors) {}

  public static RunSummary build(RunInfo info, CollectorSnapshot c, List<MemorySnapshot> memory, GcTotals gc,
      ProcessTotals proc) {
    return build(info, c, memory, gc, proc, java.util.Map.of());
  }

  /** @param chosenQualities images per quality chosen by {@code -target-ssim} (empty when it is off) */
  public static RunSummary build(RunInfo info, CollectorSnapshot c, List<MemorySnapshot> memory, GcTotals gc,
      ProcessTotals proc, java.util.Map<Integer, Long> chosenQualities) {
    return build(info, c, memory, gc, proc, chosenQualities, AuditCollector.Snapshot.NONE);
  }

  /** @param audit the quality audit's results ({@link AuditCollector.Snapshot#NONE} when it is off) */
  public static RunSummary build(RunInfo info, CollectorSnapshot c, List<MemorySnapshot> memory, GcTotals gc,
      ProcessTotals proc, java.util.Map<Integer, Long> chosenQualities, AuditCollector.Snapshot audit) {
    Duration wall = Duration.between(info.start(), info.end());
    double seconds = wall.toMillis() / 1000.0; // the same truncation as "duration"
    RunAnalysis.Result a = RunAnalysis.analyse(new RunAnalysis.Inputs(c, memory, info.workers(),
        proc.processors(), wall, proc.cpuNanos(), proc.heapMaxBytes(), gc.pauseMillis()));
    return new RunSummary(run(info, wall, seconds), files(c), sizes(c), timing(c, seconds),
        memory(memory, proc, a), gc(gc, c), cpu(proc, a, c), stages(c.stageTotals(), c.converted()),
        chosenQualities, a.recommendations(), memory.stream().map(SummaryBuilder::snapshot).toList(),
        AuditNumbers.of(audit));
  }

  private static RunSummary.Run run(RunInfo info, Duration wall, double seconds) {
    return new RunSummary.Run(info.version(), info.inputDir().toString(), info.outputDir().toString(),
        info.workers(), info.quality(), info.settings(), time(info.start()), time(info.end()),
        GoDuration.format(wall), r(seconds, 3), info.interrupted());
  }

  private static RunSummary.Files files(CollectorSnapshot c) {
    return new RunSummary.Files(c.found(), c.converted(), c.failed(), c.skipped(), c.warned(),
        c.found() == 0 ? 0 : r(100.0 * c.failed() / c.found(), 2), c.errorsByType());
  }

  private static RunSummary.Sizes sizes(CollectorSnapshot c) {
    long in = c.inputBytes();
    long out = c.outputBytes();
    return new RunSummary.Sizes(in, out, r(in / GB, 4), r(out / GB, 4), in - out,
        in == 0 ? 0 : r(100.0 * (in - out) / in, 2), out == 0 ? 0 : r((double) in / out, 3), c.largerOutputs());
  }

  private static RunSummary.Timing timing(CollectorSnapshot c, double seconds) {
    Percentiles t = c.times();
    double megapixels = c.inputPixels() / 1e6;
    return new RunSummary.Timing(r(t.meanMs(), 2), r(t.minMs(), 2), r(t.maxMs(), 2), r(t.p50Ms(), 2),
        r(t.p95Ms(), 2), r(t.p99Ms(), 2), perSecond(c.inputBytes() / MB, seconds),
        perSecond(c.converted(), seconds), r(megapixels, 3), perSecond(megapixels, seconds));
  }

  private static RunSummary.Memory memory(List<MemorySnapshot> memory, ProcessTotals proc, RunAnalysis.Result a) {
    double heapMin = memory.stream().mapToLong(MemorySnapshot::heapUsedBytes).min().orElse(0) / MB;
    double heapMax = memory.stream().mapToLong(MemorySnapshot::heapUsedBytes).max().orElse(0) / MB;
    return new RunSummary.Memory(r(heapMax, 1), r(proc.peakResidentBytes() / MB, 1), a.memoryStable(),
        r(heapMin, 1), r(heapMax, 1), r(heapMax - heapMin, 1), r(a.heapFloorTrendMbPerHour(), 1),
        r(proc.heapMaxBytes() / MB, 1));
  }

  private static RunSummary.Gc gc(GcTotals gc, CollectorSnapshot c) {
    return new RunSummary.Gc(gc.runs(), gc.pauses() == 0 ? 0 : r((double) gc.pauseMillis() / gc.pauses(), 2),
        gc.maxPauseMillis(), gc.pauseMillis(), c.forcedGcRuns(), gc.heapDumps());
  }

  private static RunSummary.Cpu cpu(ProcessTotals proc, RunAnalysis.Result a, CollectorSnapshot c) {
    return new RunSummary.Cpu(proc.processors(), proc.cpuNanos() < 0 ? 0 : r(proc.cpuNanos() / 1e9, 3),
        r(a.cpuUtilizationPercent(), 1), a.cpuBoundAnalysis(), c.backpressureEvents());
  }

  private static double perSecond(double amount, double seconds) {
    return seconds <= 0 ? 0 : r(amount / seconds, 3);
  }

  private static List<RunSummary.StageSummary> stages(StageTotals totals, long images) {
    long all = totals.totalNanos();
    return totals.stages().stream().map(s -> new RunSummary.StageSummary(s.name().toLowerCase(java.util.Locale.ROOT),
        r(s.nanos() / 1e6, 1), images == 0 ? 0 : r(s.nanos() / 1e6 / images, 2),
        all == 0 ? 0 : r(100.0 * s.nanos() / all, 1), r(s.allocatedBytes() / MB, 1))).toList();
  }

  private static RunSummary.Snapshot snapshot(MemorySnapshot s) {
    return new RunSummary.Snapshot(time(s.timestamp()), r(s.heapUsedBytes() / MB, 1),
        s.totalAllocatedBytes() < 0 ? -1 : r(s.totalAllocatedBytes() / MB, 1), r(s.residentBytes() / MB, 1),
        r(s.heapCommittedBytes() / MB, 1), s.gcCount(), s.lastGcPauseMillis(),
        s.heapFloorBytes() < 0 ? -1 : r(s.heapFloorBytes() / MB, 1));
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static double r(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
