package dev.optimizr.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentCollectorTest {
  private static final List<String> STAGES = List.of("READ", "DECODE");

  @Test
  void manyThreads_exactTotals() throws Exception {
    ConcurrentCollector c = new ConcurrentCollector(STAGES);
    int threads = 16;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      long seed = t;
      pool.submit(() -> {
        Random r = new Random(seed);
        go.await();
        for (int i = 0; i < perThread; i++) {
          c.found();
          if (i % 10 == 0) {
            c.failed(i % 20 == 0 ? "CORRUPT_INPUT" : "TOO_LARGE");
          } else {
            c.converted(100, 40 + (i % 3 == 0 ? 100 : 0), 1_000, 1_000_000L * (1 + r.nextInt(100)), i % 7 == 0);
            c.stages(new long[] {1, 2}, new long[] {10, 20});
          }
          c.snapshot(); // readers run alongside writers
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    CollectorSnapshot s = c.snapshot();
    long total = (long) threads * perThread;
    long failed = total / 10;
    long converted = total - failed;
    assertThat(s.found()).isEqualTo(total);
    assertThat(s.failed()).isEqualTo(failed);
    assertThat(s.converted()).isEqualTo(converted);
    assertThat(s.converted() + s.failed() + s.skipped()).isEqualTo(s.found());
    assertThat(s.errorsByType()).containsEntry("CORRUPT_INPUT", failed / 2).containsEntry("TOO_LARGE", failed / 2);
    assertThat(s.inputBytes()).isEqualTo(100 * converted);
    assertThat(s.inputPixels()).isEqualTo(1_000 * converted);
    assertThat(s.stageTotals().stages()).extracting(StageTotals.Stage::nanos).containsExactly(converted, 2 * converted);
    assertThat(s.stageTotals().stages()).extracting(StageTotals.Stage::allocatedBytes)
        .containsExactly(10 * converted, 20 * converted);
    assertThat(s.times().minMs()).isEqualTo(1.0);
    assertThat(s.times().maxMs()).isEqualTo(100.0);
  }

  @Test
  void percentiles_matchASortedList() {
    ConcurrentCollector c = new ConcurrentCollector(STAGES);
    Random r = new Random(7);
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      // a long-tailed distribution, like image sizes: most small, a few huge
      long us = (long) (1_000 * Math.exp(r.nextGaussian() * 1.2 + 3));
      micros.add(us);
      c.converted(1, 1, 1, us * 1000, false);
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    Percentiles p = c.snapshot().times();

    assertThat(p.p50Ms()).isCloseTo(nearestRank(sorted, 50) / 1000.0, within(nearestRank(sorted, 50) / 1000.0 * 0.002));
    assertThat(p.p95Ms()).isCloseTo(nearestRank(sorted, 95) / 1000.0, within(nearestRank(sorted, 95) / 1000.0 * 0.002));
    assertThat(p.p99Ms()).isCloseTo(nearestRank(sorted, 99) / 1000.0, within(nearestRank(sorted, 99) / 1000.0 * 0.002));
    assertThat(p.minMs()).isEqualTo(sorted[0] / 1000.0);
    assertThat(p.maxMs()).isEqualTo(sorted[sorted.length - 1] / 1000.0);
    assertThat(p.meanMs()).isCloseTo(Arrays.stream(sorted).average().orElseThrow() / 1000.0, within(1e-6));
    assertThat(p.minMs()).isLessThanOrEqualTo(p.p50Ms());
    assertThat(p.p50Ms()).isLessThanOrEqualTo(p.p95Ms());
    assertThat(p.p95Ms()).isLessThanOrEqualTo(p.p99Ms());
    assertThat(p.p99Ms()).isLessThanOrEqualTo(p.maxMs());
  }

  private static long nearestRank(long[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  @Test
  void snapshot_ofAnEmptyRun_isAllZero() {
    CollectorSnapshot s = new ConcurrentCollector(STAGES).snapshot();
    assertThat(s.found()).isZero();
    assertThat(s.times()).isEqualTo(Percentiles.EMPTY);
  }
}
