package dev.optimizr.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {
  private static final long MB = 1024 * 1024;

  /** One snapshot a minute for an hour; heap used swings; the post-GC floor follows {@code floorMb}. */
  private static List<MemorySnapshot> hour(java.util.function.IntToLongFunction floorMb) {
    List<MemorySnapshot> list = new ArrayList<>();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i <= 60; i++) {
      long used = (i % 2 == 0 ? 900 : 200) * MB; // a healthy sawtooth, 700 MB range
      list.add(new MemorySnapshot(t0.plusSeconds(60L * i), used, 1024 * MB, -1, 1200 * MB, i, 5,
          floorMb.applyAsLong(i) * MB));
    }
    return list;
  }

  private static CollectorSnapshot counts(long converted, long failed, long larger, long forcedGc, Percentiles t) {
    return new CollectorSnapshot(converted + failed, converted, failed, 0, 0, converted * 1000, converted * 300,
        converted * 1_000_000, larger, forcedGc, 0, 0, 0, t,
        new StageTotals(List.of(new StageTotals.Stage("READ", 10, 0), new StageTotals.Stage("DECODE", 45, 0),
            new StageTotals.Stage("NORMALISE", 5, 0), new StageTotals.Stage("ENCODE", 35, 0),
            new StageTotals.Stage("WRITE", 5, 0))),
        failed > 0 ? Map.of("CORRUPT_INPUT", failed) : Map.of());
  }

  private static RunAnalysis.Result analyse(List<MemorySnapshot> memory, CollectorSnapshot c, int workers,
      long cpuSeconds) {
    return RunAnalysis.analyse(new RunAnalysis.Inputs(c, memory, workers, 2, Duration.ofHours(1),
        Duration.ofSeconds(cpuSeconds).toNanos(), 2048 * MB, 1000));
  }

  @Test
  void sawtoothHeapWithFlatFloor_isStable() {
    RunAnalysis.Result r = analyse(hour(i -> 150), counts(1000, 0, 0, 0, Percentiles.EMPTY), 2, 7000);
    assertThat(r.memoryStable()).isTrue(); // the original's "range < 500 MB" rule would say unstable (700 MB)
    assertThat(r.heapFloorTrendMbPerHour()).isZero();
  }

  @Test
  void slowlyRisingFloor_isALeak_evenWithASmallRange() {
    RunAnalysis.Result r = analyse(hour(i -> 150 + 5L * i), counts(1000, 0, 0, 0, Percentiles.EMPTY), 2, 7000);
    assertThat(r.memoryStable()).isFalse();
    assertThat(r.heapFloorTrendMbPerHour()).isBetween(290.0, 310.0);
    assertThat(r.recommendations()).anyMatch(s -> s.startsWith("The post-GC heap floor rose"));
  }

  @Test
  void busyCores_areCpuBound_idleWorkersWithSlowIo_areIoBound() {
    assertThat(analyse(hour(i -> 150), counts(1000, 0, 0, 0, Percentiles.EMPTY), 2, 7000).cpuBoundAnalysis())
        .startsWith("CPU bound: CPU use was 97 % of 2 cores");
    CollectorSnapshot slowDisk = new CollectorSnapshot(100, 100, 0, 0, 0, 1, 1, 1, 0, 0, 0,
        Duration.ofMinutes(80).toNanos(), 0, Percentiles.EMPTY,
        new StageTotals(List.of(new StageTotals.Stage("READ", 60, 0), new StageTotals.Stage("ENCODE", 40, 0))),
        Map.of());
    RunAnalysis.Result r = analyse(hour(i -> 150), slowDisk, 2, 1000);
    assertThat(r.cpuBoundAnalysis()).startsWith("I/O bound:").contains("60 % of image time");
    assertThat(r.recommendations()).anyMatch(s -> s.startsWith("Workers waited for the next file 67 %"));
  }

  @Test
  void recommendations_citeTheirNumbers_andTheKnobToTurn() {
    Percentiles tail = new Percentiles(10, 100, 400, 900, 5000, 150);
    RunAnalysis.Result r = analyse(hour(i -> 150), counts(1000, 12, 30, 4, tail), 8, 3600);
    assertThat(r.recommendations()).containsExactly(
        "-workers 8 is more than twice the 2 available processors: extra workers only add memory and contention; "
            + "try -workers 3.",
        "p99 processing time 900 ms is 9.0x the median 100 ms (max 5000 ms): a few much larger images dominate "
            + "and set the peak memory; -max-width/-max-height shrink them, -max-pixels refuses them.",
        "The heap passed 70 % after 4 image(s) and System.gc() ran each time: 2048 MB of heap is tight for 8 "
            + "workers; raise it (OPTIMIZR_JAVA_OPTS=-Xmx4g) or lower -workers to 3.",
        "30 of 1000 converted file(s) (3.0 %) are larger as WebP than their source, usually small or already "
            + "optimised PNGs; -if-larger skip keeps the source instead.",
        "12 file(s) failed, most often CORRUPT_INPUT (12): see failures.jsonl; -retry-failed converts only those "
            + "once the cause is fixed.");
    assertThat(r.recommendations()).allMatch(s -> s.matches(".*\\d.*"))
        .allMatch(s -> s.matches(".*(-workers \\d|OPTIMIZR_JAVA_OPTS=-Xmx|-max-pixels|-if-larger|-retry-failed"
            + "|-heap-dump-dir).*"));
  }

  /**
   * A resume: few images to convert, workers never short of files and only "computing", 56 % of the cores
   * used, and the heap guard forcing GCs. Not "CPU bound" next to "raise -Xmx": the workers waited for heap,
   * and the advice says which variable the launcher reads.
   */
  @Test
  void heapStarvedRunAt56PercentCpu_isMemoryBound_andNamesTheLaunchersHeapVariable() {
    CollectorSnapshot resume = new CollectorSnapshot(159, 30, 0, 129, 0, 30_000, 9_000, 30_000_000, 0, 3, 0, 0, 0,
        Percentiles.EMPTY, new StageTotals(List.of(new StageTotals.Stage("READ", 3, 0),
            new StageTotals.Stage("DECODE", 60, 0), new StageTotals.Stage("ENCODE", 35, 0),
            new StageTotals.Stage("WRITE", 2, 0))), Map.of());
    RunAnalysis.Result r = RunAnalysis.analyse(new RunAnalysis.Inputs(resume, List.of(), 2, 2,
        Duration.ofSeconds(100), Duration.ofSeconds(112).toNanos(), 384 * MB, 900));

    assertThat(r.cpuBoundAnalysis()).startsWith("Memory bound: CPU use was 56 % of 2 cores;")
        .contains("The heap passed 70 % 3 time(s) (384 MB max)").doesNotContain("CPU bound");
    assertThat(r.recommendations()).containsExactly("The heap passed 70 % after 3 image(s) and System.gc() ran each "
        + "time: 384 MB of heap is tight for 2 workers; raise it (OPTIMIZR_JAVA_OPTS=-Xmx768m) or lower -workers "
        + "to 1.");
  }

  @Test
  void busyWorkersOnAThrottledHost_areCpuBound_andTheVerdictSaysWhyCpuUseIsLow() {
    RunAnalysis.Result r = analyse(hour(i -> 150), counts(1000, 0, 0, 0, Percentiles.EMPTY), 2, 4000);

    assertThat(r.cpuBoundAnalysis()).startsWith("CPU bound: CPU use was 56 % of 2 cores;")
        .endsWith("the host gives less CPU than it shows (shared or throttled).");
  }

  @Test
  void cpuBoundRun_isNotAlsoToldThatTheInputIsTheBottleneck() {
    CollectorSnapshot c = new CollectorSnapshot(1000, 1000, 0, 0, 0, 1, 1, 1, 0, 0, 0,
        Duration.ofMinutes(80).toNanos(), 0, Percentiles.EMPTY,
        new StageTotals(List.of(new StageTotals.Stage("READ", 10, 0), new StageTotals.Stage("ENCODE", 90, 0))),
        Map.of());
    RunAnalysis.Result r = RunAnalysis.analyse(new RunAnalysis.Inputs(c, List.of(), 3, 2, Duration.ofHours(1),
        Duration.ofSeconds(7000).toNanos(), 2048 * MB, 0));

    assertThat(r.cpuBoundAnalysis()).startsWith("CPU bound:");
    assertThat(r.recommendations()).noneMatch(s -> s.startsWith("Workers waited"));
  }

  @Test
  void biggerHeap_doublesTheMaximum_inTheLaunchersVariable() {
    assertThat(RunAnalysis.biggerHeap(384 * MB)).isEqualTo("OPTIMIZR_JAVA_OPTS=-Xmx768m");
    assertThat(RunAnalysis.biggerHeap(2048 * MB)).isEqualTo("OPTIMIZR_JAVA_OPTS=-Xmx4g");
  }
}
