package dev.optimizr.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's per-file aggregates: exact totals from many threads, bounded lists however many files. */
class FileTallyTest {
  @Test
  void manyThreads_exactTotals_boundedLists() throws Exception {
    FileTally t = new FileTally();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int worker = w;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 25_000; i++) {
          int n = worker * 25_000 + i;
          String path = "folder" + n % 1000 + "/f" + n + ".jpg";
          if (n % 100 == 0) {
            t.failed(path, "CORRUPT_INPUT", "bad");
          } else {
            // every 50th file grows
            t.converted(path, n % 2 == 0 ? "photo JPEG" : "PNG lossy", 1000, n % 50 == 1 ? 1001 + n % 977 : 400,
                true);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread th : threads) {
      th.join();
    }
    FileTally.Snapshot s = t.snapshot();
    long converted = java.util.Arrays.stream(s.savingBins()).sum();
    assertThat(converted + s.failedFiles()).isEqualTo(200_000);
    assertThat(s.failedFiles()).isEqualTo(2_000);
    assertThat(s.folders()).hasSize(FileTally.MAX_FOLDERS + 1); // 200 named, the rest in one row
    assertThat(s.folders().stream().mapToLong(FileTally.Group::files).sum()).isEqualTo(converted);
    assertThat(s.kinds().stream().mapToLong(FileTally.Group::files).sum()).isEqualTo(converted);
    assertThat(s.grownFiles()).isEqualTo(4_000);
    assertThat(s.grown()).hasSize(FileTally.MAX_LISTED);
    assertThat(s.grown().get(0).growthBytes()).isEqualTo(977);
    assertThat(s.failures().get(0).paths()).hasSize(FileTally.MAX_LISTED);
    assertThat(s.savingBins()[FileTally.bin(60)]).isEqualTo(converted - 4_000);
  }

  @Test
  void topFolder_isTheFirstSegment() {
    assertThat(FileTally.topFolder("a/b/c.jpg")).isEqualTo("a");
    assertThat(FileTally.topFolder("c.jpg")).isEqualTo(FileTally.ROOT_FOLDER);
    assertThat(FileTally.bin(-250)).isZero();
    assertThat(FileTally.bin(100)).isEqualTo(FileTally.BINS - 1);
  }
}
