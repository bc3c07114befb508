package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optimizr.codec.Admission;
import dev.optimizr.codec.ConversionException;
import dev.optimizr.codec.ErrorType;
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

  /**
   * Many threads take random shares of a 100 MB shared budget (500 MB whole): the bytes held at once never
   * exceed it, and an image over the shared part never runs next to another.
   */
  @Test
  void concurrentAdmissions_neverExceedTheBudget_andOversizedOnesRunAlone() throws Exception {
    MemoryBudget budget = new MemoryBudget(100 * MB, 500 * MB);
    AtomicLong held = new AtomicLong();
    AtomicLong maxHeld = new AtomicLong();
    AtomicLong oversizedWithOthers = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long want = i % 50 == 0 ? 400 * MB : (5 + i % 40) * MB; // every 50th is larger than the shared part
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

  /** A huge image that fits the heap but not beside others waits for the running ones, then runs alone. */
  @Test
  void imageOverTheSharedPart_waitsForOthers_thenRunsAlone() throws Exception {
    MemoryBudget budget = MemoryBudget.forHeap(4096 * MB, 2); // 2867 MB whole, 1 GB shared
    assertThat(budget.sharedBytes()).isEqualTo(1024 * MB);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Admission.Permit photo = budget.admit(100 * MB);
      Future<Admission.Permit> huge = pool.submit(() -> budget.admit(1800 * MB)); // a 168-MP scan and its file
      Thread.sleep(100);
      assertThat(huge).isNotDone(); // a photo is still converting
      Future<Admission.Permit> next = pool.submit(() -> budget.admit(100 * MB));
      Thread.sleep(100);
      assertThat(next).as("the next photo queues behind the huge image").isNotDone();
      photo.close();
      Admission.Permit alone = huge.get(10, TimeUnit.SECONDS);
      Thread.sleep(100);
      assertThat(next).as("nothing runs beside the huge image").isNotDone();
      alone.close();
      next.get(10, TimeUnit.SECONDS).close();
      assertThat(budget.availableKib()).isEqualTo(1024 * 1024);
    } finally {
      pool.shutdownNow();
    }
  }

  /** An image the whole heap could not hold is refused at once, saying how much heap it needs and how to give it. */
  @Test
  void imageOverTheWholeBudget_isRefusedWithTheHeapItNeeds() {
    MemoryBudget budget = MemoryBudget.forHeap(1536 * MB, 2);
    assertThatThrownBy(() -> budget.admit(1650 * MB))
        .isInstanceOf(ConversionException.class)
        .hasMessage("needs ~2.3 GB of heap, this run has 1.5 GB (raise OPTIMIZR_JAVA_OPTS=-Xmx3g)")
        .satisfies(e -> assertThat(((ConversionException) e).type()).isEqualTo(ErrorType.TOO_LARGE));
    assertThat(budget.availableKib()).as("nothing taken").isEqualTo(budget.sharedBytes() / 1024);
  }

  /** The shared part is at least 1 GB, 128 MB per CPU on larger machines, and never more than the heap allows. */
  @Test
  void sharedPart_followsCpus_withinTheHeap() {
    assertThat(MemoryBudget.forHeap(8192 * MB, 2).sharedBytes()).isEqualTo(1024 * MB);
    assertThat(MemoryBudget.forHeap(8192 * MB, 16).sharedBytes()).isEqualTo(2048 * MB);
    assertThat(MemoryBudget.forHeap(384 * MB, 2).sharedBytes()).isEqualTo((long) (384 * MB * 0.7) / 1024 * 1024);
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
