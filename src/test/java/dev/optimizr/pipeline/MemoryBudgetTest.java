package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optimizr.codec.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  private static final long MB = 1 << 20;

  /** Many threads take random shares: the bytes held at once never exceed the budget. */
  @Test
  void concurrentAdmissions_neverExceedTheBudget_andOversizedOnesRunAlone() throws Exception {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    AtomicLong held = new AtomicLong();
    AtomicLong maxHeld = new AtomicLong();
    AtomicLong oversizedWithOthers = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long want = i % 50 == 0 ? 500 * MB : (5 + i % 40) * MB; // every 50th is larger than the whole budget
      futures.add(pool.submit(() -> {
        try (Admission.Permit p = budget.admit(want)) {
          long charged = Math.min(want, 100 * MB);
          long now = held.addAndGet(charged);
          maxHeld.accumulateAndGet(now, Math::max);
          if (want > 100 * MB && now != charged) {
            oversizedWithOthers.incrementAndGet();
          }
          Thread.sleep(1);
          held.addAndGet(-charged);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(maxHeld.get()).isLessThanOrEqualTo(100 * MB);
    assertThat(oversizedWithOthers.get()).isZero();
    assertThat(budget.availableKib()).isEqualTo(100 * 1024);
  }

  /** admitAlone waits for every holder and keeps everyone else out until it is closed. */
  @Test
  void admitAlone_waitsForOthers_andExcludesThem() throws Exception {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Admission.Permit other = budget.admit(10 * MB);
      Future<Admission.Permit> alone = pool.submit(budget::admitAlone);
      Thread.sleep(100);
      assertThat(alone).isNotDone(); // 10 MB are still held elsewhere
      other.close();
      Admission.Permit whole = alone.get(10, TimeUnit.SECONDS);
      assertThat(budget.availableKib()).isZero();

      Future<Admission.Permit> late = pool.submit(() -> budget.admit(MB));
      Thread.sleep(100);
      assertThat(late).isNotDone(); // nobody else gets in while one image runs alone
      whole.close();
      late.get(10, TimeUnit.SECONDS).close();
      assertThat(budget.availableKib()).isEqualTo(100 * 1024);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void admitAlone_thenAdmitOnTheSameThread_grantsWithoutWaiting() throws Exception {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    try (Admission.Permit whole = budget.admitAlone()) {
      Admission.Permit inner = budget.admit(50 * MB); // would block forever if it took permits
      inner.close();
      assertThat(budget.availableKib()).isZero();
    }
    assertThat(budget.availableKib()).isEqualTo(100 * 1024);
  }

  @Test
  void permitClosedTwice_returnsItsBytesOnce() throws Exception {
    MemoryBudget budget = new MemoryBudget(10 * MB);
    Admission.Permit p = budget.admit(4 * MB);
    p.close();
    p.close();
    assertThat(budget.availableKib()).isEqualTo(10 * 1024);
  }
}
