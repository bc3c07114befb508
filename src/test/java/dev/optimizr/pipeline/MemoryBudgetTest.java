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

  @Test
  void permitClosedTwice_returnsItsBytesOnce() throws Exception {
    MemoryBudget budget = new MemoryBudget(10 * MB);
    Admission.Permit p = budget.admit(4 * MB);
    p.close();
    p.close();
    assertThat(budget.availableKib()).isEqualTo(10 * 1024);
  }
}
